-- What self-calibration chose per locale and evidence family, for the embedding model it was fitted with: loaded at
-- start-up so the bot decides with the knowledge base's own calibration before the first refit finishes. Derived
-- data (a refit rewrites it; dropping it only means the prior applies until then).
create table assistant_calibration (
    model           text             not null,  -- embedding model id the evidence came from
    locale          text             not null,
    family          text             not null,  -- vector | lexical
    source          text             not null,  -- self | prior
    slope           double precision not null,
    "offset"        double precision not null,
    threshold       double precision not null,
    probes          integer          not null,
    probe_precision double precision,
    probe_answered  double precision,
    fitted_at       timestamptz      not null,
    primary key (model, locale, family)
);
