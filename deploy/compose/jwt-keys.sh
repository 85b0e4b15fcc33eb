#!/bin/sh
# The dev signing key pair, made once into the shared volume: private half for the gateway's /dev/tokens,
# public half for every service. A real deployment uses an identity provider instead.
set -eu
cd /keys
if [ ! -f jwt-private.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-private.pem
  openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem
  chmod 644 jwt-private.pem jwt-public.pem
fi
