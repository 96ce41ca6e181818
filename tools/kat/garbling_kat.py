#!/usr/bin/env python3
"""Independent known-answer vectors for Samenreken's garbled-circuit primitives.

Python's standard library has no AES, so this script carries its own hand-written AES-128 (S-box computed from the
GF(2^8) inverse and the affine map of FIPS-197 section 5.1.1, not copied as a table), checks it against the FIPS-197
appendix C.1 vector, and derives from it, with built-ins only:
  * the fixed key of the hash: SHA-256("Samenreken garbled comparison, fixed AES key, v1")[:16];
  * pi(x) = AES_fixedkey(x) and the tweakable hash H(x, i) = pi(pi(x) xor i) xor pi(x) (Guo-Katz-Wang-Yu 2020);
  * one half-gates AND gate (Zahur-Rosulek-Evans 2015) and one garbled comparison circuit of width 5.
Blocks are 128-bit integers whose 16 little-endian bytes are the AES state bytes (as UInt128 in the C# code).
The output is pasted into tests/Samenreken.Cryptography.Tests/GarblingKnownAnswerTests.cs.

    python3 tools/kat/garbling_kat.py
"""

import hashlib


def gf_mul(a: int, b: int) -> int:
    result = 0
    while b:
        if b & 1:
            result ^= a
        a = ((a << 1) ^ 0x11B) if a & 0x80 else (a << 1)
        b >>= 1
    return result


def make_sbox():
    sbox = []
    for x in range(256):
        inverse = 0 if x == 0 else next(y for y in range(1, 256) if gf_mul(x, y) == 1)
        s = inverse
        for shift in range(1, 5):
            s ^= ((inverse << shift) | (inverse >> (8 - shift))) & 0xFF
        sbox.append(s ^ 0x63)
    return sbox


SBOX = make_sbox()


def expand_key(key: bytes):
    words = [list(key[4 * i:4 * i + 4]) for i in range(4)]
    rcon = 1
    for i in range(4, 44):
        temp = list(words[i - 1])
        if i % 4 == 0:
            temp = temp[1:] + temp[:1]
            temp = [SBOX[b] for b in temp]
            temp[0] ^= rcon
            rcon = gf_mul(rcon, 2)
        words.append([words[i - 4][j] ^ temp[j] for j in range(4)])
    return [sum(words[4 * r:4 * r + 4], []) for r in range(11)]


def aes_encrypt(key: bytes, block: bytes) -> bytes:
    round_keys = expand_key(key)
    state = [block[i] ^ round_keys[0][i] for i in range(16)]
    for r in range(1, 11):
        state = [SBOX[b] for b in state]
        # state index = row + 4*column; ShiftRows moves row r left by r columns
        state = [state[row + 4 * ((col + row) % 4)] for col in range(4) for row in range(4)]
        if r != 10:
            mixed = []
            for col in range(4):
                a = state[4 * col:4 * col + 4]
                mixed += [
                    gf_mul(a[0], 2) ^ gf_mul(a[1], 3) ^ a[2] ^ a[3],
                    a[0] ^ gf_mul(a[1], 2) ^ gf_mul(a[2], 3) ^ a[3],
                    a[0] ^ a[1] ^ gf_mul(a[2], 2) ^ gf_mul(a[3], 3),
                    gf_mul(a[0], 3) ^ a[1] ^ a[2] ^ gf_mul(a[3], 2),
                ]
            state = mixed
        state = [state[i] ^ round_keys[r][i] for i in range(16)]
    return bytes(state)


# FIPS-197 appendix C.1
assert aes_encrypt(bytes(range(16)), bytes.fromhex("00112233445566778899aabbccddeeff")).hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"

FIXED_KEY = hashlib.sha256(b"Samenreken garbled comparison, fixed AES key, v1").digest()[:16]
MASK = (1 << 128) - 1


def pi(x: int) -> int:
    return int.from_bytes(aes_encrypt(FIXED_KEY, x.to_bytes(16, "little")), "little")


def tccr(x: int, tweak: int) -> int:
    p = pi(x)
    return pi(p ^ tweak) ^ p


def lsb(x: int) -> int:
    return x & 1


def garble_and(delta, a0, b0, gate):
    """Zahur-Rosulek-Evans 2015, fig. 2, with tweaks 2g and 2g + 1."""
    j, j2 = 2 * gate, 2 * gate + 1
    pa, pb = lsb(a0), lsb(b0)
    ha0, ha1 = tccr(a0, j), tccr(a0 ^ delta, j)
    hb0, hb1 = tccr(b0, j2), tccr(b0 ^ delta, j2)
    tg = ha0 ^ ha1 ^ (delta if pb else 0)
    te = hb0 ^ hb1 ^ a0
    wg = ha0 ^ (tg if pa else 0)
    we = hb0 ^ ((te ^ a0) if pb else 0)
    return tg, te, wg ^ we


def garble_comparison(delta, garbler_zero, evaluator_zero, width, item=0):
    """Bit width-1 of (a - b) mod 2^width; borrow c_(i+1) = b_i xor ((a_i xor c_i) and (b_i xor c_i))."""
    tables, carry = [], 0
    for i in range(width - 1):
        tg, te, w0 = garble_and(delta, garbler_zero[i] ^ carry, evaluator_zero[i] ^ carry, item * (width - 1) + i)
        tables += [tg, te]
        carry = evaluator_zero[i] ^ w0
    return tables, garbler_zero[-1] ^ evaluator_zero[-1] ^ carry


def h(x: int) -> str:
    return "0x%032X" % x


def label(seed: str) -> int:
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:16], "little")


print("// fixed key", FIXED_KEY.hex())
print("// pi(x)")
for x in [0, 1, MASK, 0x0123456789ABCDEF_FEDCBA9876543210]:
    print(f"[InlineData(\"{h(x)}\", \"{h(pi(x))}\")]")
print("// H(x, tweak)")
for x, t in [(0, 0), (0, 1), (1, 0), (MASK, 7), (0x0123456789ABCDEF_FEDCBA9876543210, 2 * 1000 + 1)]:
    print(f"[InlineData(\"{h(x)}\", \"{h(t)}\", \"{h(tccr(x, t))}\")]")

delta = label("delta") | 1
a0, b0 = label("a0"), label("b0")
tg, te, w0 = garble_and(delta, a0, b0, 5)
print("// half-gates AND, gate 5: delta, a0, b0 -> T_G, T_E, W0")
for v in [delta, a0, b0, tg, te, w0]:
    print(h(v))

width = 5
g = [label(f"g{i}") for i in range(width)]
e = [label(f"e{i}") for i in range(width)]
tables, out0 = garble_comparison(delta, g, e, width)
print("// comparison circuit, width 5, item 0: garbler zero labels, evaluator zero labels, tables, output zero label")
print("g =", ", ".join(h(v) for v in g))
print("e =", ", ".join(h(v) for v in e))
print("tables =", ", ".join(h(v) for v in tables))
print("out0 =", h(out0))
