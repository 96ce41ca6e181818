#!/usr/bin/env python3
"""Independent known-answer vectors for Samenreken's Paillier code.

Uses only Python's built-in integers (pow with three arguments, int.to_bytes), nothing from the C# code base and no
third-party library. The output is pasted into tests/Samenreken.Cryptography.Tests/PaillierKnownAnswerTests.cs.

    python3 tools/kat/paillier_kat.py

Scheme (Paillier 1999, g = n + 1):
    Enc(m; r)   = (1 + m*n) * r^n mod n^2
    DJN variant = (1 + m*n) * h_s^alpha mod n^2,  h_s = (-y^2)^n mod n^2   (Damgard-Jurik-Nielsen 2010)
    Dec(c)      = L(c^lambda mod n^2) * mu mod n, L(x) = (x - 1) / n, lambda = lcm(p-1, q-1), mu = lambda^-1 mod n
Decryption here uses the textbook lambda/mu formula, not the CRT method of the C# code, so the two are independent.
Wire format (docs/wire-format.md): "SMRK" | version 1 | type | modulus bits (uint16 BE) | fixed-length big-endian fields.
"""

import hashlib
import math

# Two 256-bit primes with the top two bits set (so n has exactly 512 bits), found once with is_probable_prime below
# starting from fixed hex constants; checked again on every run.
P = 0xF4B0E4E27A3D37D6A3A8F0C1BB5D9C5B0D3F2E1A4C6B8D0F2E4A6C8E0A2C4E6B
Q = 0xD1C3E5F7092B4D6F81A3C5E7F9B1D3F5A7C9E1B3D5F7092B4D6F8A1C3E5F7311


def is_probable_prime(n: int) -> bool:
    """Miller-Rabin with the first 40 primes as bases (deterministic enough for fixed test vectors)."""
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
             73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173]
    if n < 2:
        return False
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(start: int) -> int:
    candidate = start | 1
    while not is_probable_prime(candidate):
        candidate += 2
    return candidate


def header(blob_type: int, bits: int) -> bytes:
    return b"SMRK" + bytes([1, blob_type]) + bits.to_bytes(2, "big")


def main() -> None:
    p, q = P, Q
    assert is_probable_prime(p) and is_probable_prime(q), "fixed primes must be prime"
    n = p * q
    bits = n.bit_length()
    assert bits == 512 and p.bit_length() == q.bit_length() == 256
    n2 = n * n
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    mu = pow(lam, -1, n)

    def enc(m: int, r: int) -> int:
        return (1 + m * n) * pow(r, n, n2) % n2

    def dec(c: int) -> int:
        return (pow(c, lam, n2) - 1) // n * mu % n

    y = 0x0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
    h_s = pow((-y * y) % n, n, n2)
    alpha = 0xB7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF  # masked to 224 bits below (the C# test builds a 224-bit table)
    alpha &= (1 << 224) - 1

    print(f"P = {p:#x}")
    print(f"Q = {q:#x}")
    print(f"N = {n:#x}")
    print(f"Y = {y:#x}")
    print(f"H_S = {h_s:#x}")
    print(f"ALPHA = {alpha:#x}")
    print(f"H_S_POW_ALPHA = {pow(h_s, alpha, n2):#x}")
    vectors = [(0, 0x2), (1, 0x3), (42, 0x10001), (n - 1, 0x1234567890ABCDEF), (0x1F2E3D4C5B6A79880102030405060708, n - 2)]
    for i, (m, r) in enumerate(vectors):
        c = enc(m, r)
        assert dec(c) == m
        print(f"ENC[{i}]: m = {m:#x}, r = {r:#x}, c = {c:#x}")
    c_djn = (1 + 42 * n) * pow(h_s, alpha, n2) % n2
    assert dec(c_djn) == 42
    print(f"ENC_DJN(42, ALPHA) = {c_djn:#x}")
    c0, c1 = enc(vectors[2][0], vectors[2][1]), enc(vectors[4][0], vectors[4][1])
    print(f"ADD(ENC[2], ENC[4]) = {c0 * c1 % n2:#x}, decrypts to {dec(c0 * c1 % n2):#x}")
    k = 0xDEADBEEF
    print(f"MUL(ENC[2], {k:#x}) = {pow(c0, k, n2):#x}, decrypts to {dec(pow(c0, k, n2)):#x}")
    print(f"NEG(ENC[2]) = {pow(c0, -1, n2):#x}, decrypts to {dec(pow(c0, -1, n2)):#x}")

    modulus_bytes = (bits + 7) // 8
    prime_bytes = (bits // 2 + 7) // 8
    big, small = max(p, q), min(p, q)
    public_blob = header(1, bits) + n.to_bytes(modulus_bytes, "big") + h_s.to_bytes(2 * modulus_bytes, "big")
    private_blob = (header(2, bits) + big.to_bytes(prime_bytes, "big") + small.to_bytes(prime_bytes, "big")
                    + h_s.to_bytes(2 * modulus_bytes, "big"))
    key_id = hashlib.sha256(public_blob).digest()[:16]
    envelope = header(3, bits) + key_id + c0.to_bytes(2 * modulus_bytes, "big")
    print(f"PUBLIC_KEY_BLOB = {public_blob.hex()}")
    print(f"PRIVATE_KEY_BLOB = {private_blob.hex()}")
    print(f"CIPHERTEXT_ENVELOPE(ENC[2]) = {envelope.hex()}")


if __name__ == "__main__":
    main()
