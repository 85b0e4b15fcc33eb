package io.singlesday.platform.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Makes the dev signing key pair once, where no identity provider runs (Docker Compose's first start), from the
 * platform's own image and so without fetching a tool: the private half (PKCS#8 PEM, what {@link TokenMinter}
 * reads) readable by its owner alone, the public half readable by every service. A pair already there is kept.
 * <p>Usage: {@code DevSigningKeys <private dir> <public dir> [owner uid]}.
 */
public final class DevSigningKeys {

    private DevSigningKeys() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: DevSigningKeys <private dir> <public dir> [owner uid]");
            System.exit(2);
        }
        Path privatePem = Path.of(args[0]).resolve("jwt-private.pem");
        Path publicPem = Path.of(args[1]).resolve("jwt-public.pem");
        if (Files.isRegularFile(privatePem) && Files.isRegularFile(publicPem)) {
            System.out.println("signing key pair kept: " + privatePem + ", " + publicPem);
            return;
        }
        write(privatePem, publicPem, args.length == 3 ? Integer.parseInt(args[2]) : null);
        System.out.println("signing key pair made: " + privatePem + " (owner only), " + publicPem);
    }

    static void write(Path privatePem, Path publicPem, Integer owner) throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(privatePem.getParent());
        Files.createDirectories(publicPem.getParent());
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("r--------"));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.setPosixFilePermissions(publicPem, PosixFilePermissions.fromString("rw-r--r--"));
        if (owner != null) {
            Files.setAttribute(privatePem, "unix:uid", owner);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
