#!/bin/sh
# The dev signing key pair, made once: the private half in its own volume, readable only by the gateway's user
# (uid 10001 in the image) for /dev/tokens; the public half in the volume every service mounts. A real
# deployment uses an identity provider instead.
set -eu
if [ ! -f /private/jwt-private.pem ]; then
  apk add --no-cache openssl >/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /private/jwt-private.pem
  openssl pkey -in /private/jwt-private.pem -pubout -out /keys/jwt-public.pem
  chown 10001 /private/jwt-private.pem
  chmod 400 /private/jwt-private.pem
  chmod 644 /keys/jwt-public.pem
fi
