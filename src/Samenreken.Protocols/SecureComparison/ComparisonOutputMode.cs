namespace Samenreken.Protocols.SecureComparison;

/// <summary>What A learns at the end of a run.</summary>
public enum ComparisonOutputMode
{
    /// <summary>[x ≥ y] under B's Paillier key stays with A; nobody learns the bit.</summary>
    EncryptedToEvaluator = 1,

    /// <summary>A learns the bit x ≥ y through a masked decryption; B sees only uniformly random bits.</summary>
    PlaintextToEvaluator = 2,
}
