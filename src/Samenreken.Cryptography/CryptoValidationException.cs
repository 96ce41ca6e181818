using System.Security.Cryptography;

namespace Samenreken.Cryptography;

/// <summary>Why a key, ciphertext or parameter that crossed a trust boundary was refused.</summary>
public enum ValidationFailure
{
    /// <summary>The modulus has a size the configuration does not allow.</summary>
    KeySizeNotAllowed,

    /// <summary>The modulus is even.</summary>
    ModulusEven,

    /// <summary>The modulus is a perfect power.</summary>
    ModulusPerfectPower,

    /// <summary>The modulus has a prime factor below 2^16: its owner could learn the other party's secrets.</summary>
    ModulusSmallFactor,

    /// <summary>The ciphertext is not in (0, modulus).</summary>
    CiphertextOutOfRange,

    /// <summary>The ciphertext shares a factor with the modulus.</summary>
    CiphertextNotUnit,

    /// <summary>The ciphertext belongs to another key.</summary>
    CiphertextWrongKey,

    /// <summary>A serialized value has the wrong length, magic, version or type.</summary>
    MalformedEncoding,

    /// <summary>A public parameter of a key (a generator, a subgroup order) is invalid.</summary>
    InvalidKeyParameter,

    /// <summary>A plaintext is outside the range the scheme or the encoding can represent.</summary>
    PlaintextOutOfRange,

    /// <summary>An encrypted key did not authenticate: the passphrase is wrong or the bytes were altered.</summary>
    KeyDecryptionFailed,

    /// <summary>The modulus is prime: never a Paillier or DGK key, and one whose owner could decrypt anything.</summary>
    ModulusPrime,

    /// <summary>A public key's bytes differ from the fingerprint the importer pinned (altered in transit, or another key).</summary>
    FingerprintMismatch,

    /// <summary>A public key file's checksum does not match its contents: the file is corrupted or truncated.</summary>
    ChecksumMismatch,
}

/// <summary>A key, ciphertext or encoded value that failed validation; <see cref="Failure"/> says which rule.</summary>
public sealed class CryptoValidationException : CryptographicException
{
    public CryptoValidationException(ValidationFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public CryptoValidationException()
        : this(ValidationFailure.MalformedEncoding, "Validation failed.")
    {
    }

    public CryptoValidationException(string message)
        : this(ValidationFailure.MalformedEncoding, message)
    {
    }

    public CryptoValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = ValidationFailure.MalformedEncoding;
    }

    public ValidationFailure Failure { get; }
}
