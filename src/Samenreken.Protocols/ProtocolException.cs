namespace Samenreken.Protocols;

/// <summary>Why a protocol message was refused.</summary>
public enum ProtocolFailure
{
    /// <summary>The message belongs to another session.</summary>
    WrongSession,

    /// <summary>The message is not the one this party expects now (wrong round, replay, or run already finished).</summary>
    UnexpectedMessage,

    /// <summary>The batch has another length than announced, or a field has the wrong size.</summary>
    WrongBatchLength,

    /// <summary>A ciphertext is malformed or not a valid ciphertext under the expected key.</summary>
    InvalidCiphertext,

    /// <summary>The parties disagree on parameters or keys.</summary>
    ParameterMismatch,

    /// <summary>An input or a decrypted value is outside the range the protocol allows.</summary>
    OutOfRange,

    /// <summary>The batch exceeds what this party accepts.</summary>
    BatchTooLarge,

    /// <summary>A field breaks a rule of its own message (e.g. person ids that are not strictly ascending).</summary>
    MalformedMessage,
}

/// <summary>A peer or protocol failure; the state machine that throws it is unchanged.</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(ProtocolFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    public ProtocolException()
        : this(ProtocolFailure.UnexpectedMessage, "Protocol failure.")
    {
    }

    public ProtocolException(string message)
        : this(ProtocolFailure.UnexpectedMessage, message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = ProtocolFailure.UnexpectedMessage;
    }

    /// <summary>A refused ciphertext (<see cref="ProtocolFailure.InvalidCiphertext"/>), keeping the key's specific reason.</summary>
    public ProtocolException(Samenreken.Cryptography.ValidationFailure ciphertextFailure, string message)
        : this(ProtocolFailure.InvalidCiphertext, message)
    {
        CiphertextFailure = ciphertextFailure;
    }

    public ProtocolFailure Failure { get; }

    /// <summary>
    /// For a refused ciphertext: why the key refused it (out of range, not a unit, malformed), so a node can log and
    /// map the precise reason; null for every other failure.
    /// </summary>
    public Samenreken.Cryptography.ValidationFailure? CiphertextFailure { get; }
}
