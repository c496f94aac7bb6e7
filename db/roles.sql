-- The least-privilege roles of db/roles.ts, in one place for both that set them up: this query
-- yields, in order, the statements that make the owner and the application role (or set their
-- passwords) and the database owned by the owner, which only the two may connect to. It reads the
-- session settings dim.owner, dim.owner_password, dim.app, dim.app_password and dim.database.
-- `ensureDatabaseRoles` runs the statements one by one; deploy/postgres/init-roles.sh with psql's
-- \gexec. No terminating semicolon: psql's \gexec ends the query. CREATE DATABASE cannot run in a
-- function or a transaction, hence statements to run rather than a DO block.
WITH setting AS (
  SELECT current_setting('dim.owner') AS owner, current_setting('dim.owner_password') AS owner_password,
         current_setting('dim.app') AS app, current_setting('dim.app_password') AS app_password,
         current_setting('dim.database') AS database
)
SELECT statement FROM setting, LATERAL (VALUES
  (1, format('%s ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
             CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = setting.owner) THEN 'ALTER' ELSE 'CREATE' END,
             setting.owner, setting.owner_password)),
  (2, format('%s ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
             CASE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = setting.app) THEN 'ALTER' ELSE 'CREATE' END,
             setting.app, setting.app_password)),
  (3, CASE WHEN EXISTS (SELECT FROM pg_database WHERE datname = setting.database)
           THEN format('ALTER DATABASE %I OWNER TO %I', setting.database, setting.owner)
           ELSE format('CREATE DATABASE %I OWNER %I', setting.database, setting.owner) END),
  (4, format('REVOKE ALL ON DATABASE %I FROM PUBLIC', setting.database)),
  (5, format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', setting.database, setting.app))
) AS step(position, statement)
ORDER BY position
