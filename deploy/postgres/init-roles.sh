#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (mounted into
# /docker-entrypoint-initdb.d by docker-compose.yml): the least-privilege roles of db/roles.ts —
# dim_owner owns the database `dim` and runs the migrations, dim_app is what the API, the worker
# and the scripts connect as — by the statements db/roles.sql yields (mounted as /dim/roles.sql;
# `npm start` and the tests run the same), and Temporal's own role with its two databases.
# Passwords come from the secrets files. The application's rights on the tables are granted by
# the `migrate` service, as the owner, after each migration (scripts/migrate.ts). For a volume
# made before, run this script once by hand in the container.
set -eu
secret() { tr -d '\r\n' < "/run/secrets/$1"; }
{
  cat <<'SQL'
SELECT set_config('dim.owner', 'dim_owner', false), set_config('dim.owner_password', :'owner_password', false),
       set_config('dim.app', 'dim_app', false), set_config('dim.app_password', :'app_password', false),
       set_config('dim.database', 'dim', false) \g /dev/null
SQL
  cat /dim/roles.sql
  printf '\n\\gexec\n'
  cat <<'SQL'
CREATE ROLE temporal LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
SQL
} | psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$(secret dim_owner_password)" \
  -v app_password="$(secret dim_app_password)" \
  -v temporal_password="$(secret temporal_db_password)"
