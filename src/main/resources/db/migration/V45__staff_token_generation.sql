-- Staff tokens carry the account's token generation; raising it (logout, password change, deactivation, role
-- change) revokes every token issued before, on every node, without a token table.
alter table staff_account add column token_generation bigint not null default 0;
