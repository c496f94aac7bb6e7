#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (mounted into
# /docker-entrypoint-initdb.d by docker-compose.yml): the least-privilege roles of db/roles.ts —
# dim_owner owns the database `dim` and runs the migrations, dim_app is what the API, the worker
# and the scripts connect as — and Temporal's own role with its two databases. Passwords come from
# the secrets files. The application's rights on the tables are granted by the `migrate` service,
# as the owner, after each migration (scripts/migrate.ts). For a volume made before, run the SQL
# below once by hand as the superuser.
set -eu
secret() { tr -d '\r\n' < "/run/secrets/$1"; }
psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$(secret dim_owner_password)" \
  -v app_password="$(secret dim_app_password)" \
  -v temporal_password="$(secret temporal_db_password)" <<'SQL'
CREATE ROLE dim_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'owner_password';
CREATE ROLE dim_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
CREATE ROLE temporal LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'temporal_password';
CREATE DATABASE dim OWNER dim_owner;
REVOKE ALL ON DATABASE dim FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE dim TO dim_app;
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
SQL
