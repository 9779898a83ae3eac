package io.parley.knowledge.index;

import java.io.IOException;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/** Says what an index directory holds (missing, stale, corrupt, ready) without changing it. */
final class IndexInspection {

    private IndexInspection() {
    }

    static IndexStatus inspect(Directory dir, String expectedSignature) {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                return IndexStatus.MISSING;
            }
            SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
            if (!expectedSignature.equals(infos.getUserData().get(IndexSchema.SIGNATURE_KEY))) {
                return IndexStatus.STALE;
            }
            // Opening a reader verifies segment headers/footers of every file it touches.
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    leaf.reader().checkIntegrity();
                }
            }
            return IndexStatus.READY;
        } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
            return IndexStatus.STALE;
        } catch (CorruptIndexException e) {
            return IndexStatus.CORRUPT;
        } catch (IOException | RuntimeException e) {
            return IndexStatus.CORRUPT;
        }
    }
}
