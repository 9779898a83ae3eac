-- The host application may tell which account/company a customer belongs to (widget session `company`), so
-- insights can group customer health per account.
alter table customer add column company text;
