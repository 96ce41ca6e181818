using System.Numerics;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cryptography.Encoding;

/// <summary>
/// Signed integers in Z_n: m ≥ 0 is m, m &lt; 0 is n + m. Only |m| ≤ ⌊(n-1)/3⌋ encodes; residues between that band
/// and n - band decode as overflow, so a sum or product that wrapped around is detected instead of read as a
/// wrong value (the overflow band of python-paillier and TNO's encoding).
/// </summary>
public sealed class SignedEncoding
{
    private readonly BigInteger _modulus;

    public SignedEncoding(BigNumber modulus)
    {
        ArgumentNullException.ThrowIfNull(modulus);
        Modulus = modulus;
        _modulus = modulus.ToBigInteger();
        MaxMagnitude = (_modulus - 1) / 3;
    }

    public BigNumber Modulus { get; }

    /// <summary>The largest absolute value that encodes.</summary>
    public BigInteger MaxMagnitude { get; }

    public BigNumber Encode(BigInteger value)
    {
        if (BigInteger.Abs(value) > MaxMagnitude)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value is outside the signed range of the encoding.");
        }

        return Modulus.Backend.FromBigInteger(value.Sign < 0 ? _modulus + value : value);
    }

    public bool TryDecode(BigNumber residue, out BigInteger value)
    {
        ArgumentNullException.ThrowIfNull(residue);
        var r = residue.ToBigInteger();
        if (r.Sign >= 0 && r <= MaxMagnitude)
        {
            value = r;
            return true;
        }

        if (r < _modulus && r >= _modulus - MaxMagnitude)
        {
            value = r - _modulus;
            return true;
        }

        value = default;
        return false;
    }

    public BigInteger Decode(BigNumber residue)
        => TryDecode(residue, out var value)
            ? value
            : throw new OverflowException("The decrypted residue lies in the overflow band: a homomorphic result overflowed the signed range.");
}
