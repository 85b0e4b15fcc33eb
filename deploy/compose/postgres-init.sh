#!/bin/sh
# One database and one owner per service on the shared server. Passwords come from the environment
# (docker-compose passes DB_PASSWORD_<DB>), defaulting to the database name for a laptop.
set -eu
for db in catalog orders coupons livestream logistics gmv; do
  var="DB_PASSWORD_$(echo "$db" | tr '[:lower:]' '[:upper:]')"
  eval "password=\${$var:-$db}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE $db LOGIN PASSWORD '$password';
CREATE DATABASE $db OWNER $db;
SQL
done
