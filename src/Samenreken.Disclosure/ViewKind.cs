namespace Samenreken.Disclosure;

/// <summary>
/// What a party can read from a message it receives: a small closed set, so that each kind has one meaning, one
/// Dutch sentence in the DPIA and, when it is a statistical claim, one privacy test that checks it.
/// </summary>
public enum ViewKind
{
    /// <summary>The BSNs the controller asks about, sorted (no household structure), under a random request id, and their number (art. 5b).</summary>
    RequestedIdentifiers,

    /// <summary>Semantically secure ciphertexts under the other party's key: unreadable without that key.</summary>
    Ciphertext,

    /// <summary>d = z + r with r κ bits longer than z: within 2^−κ of uniform, whatever the inputs.</summary>
    StatisticallyBlinded,

    /// <summary>The number of comparisons, padded to the number of requested persons, so it does not tell the household structure.</summary>
    PaddedCount,

    /// <summary>The zero pattern of shuffled, multiplicatively blinded terms: one fair coin per comparison.</summary>
    FairCoinZeroPattern,

    /// <summary>Bits that are uniform whatever the inputs (a value masked by a fresh uniform bit).</summary>
    UniformBits,

    /// <summary>Fresh randomness drawn before any data is seen (base-OT points): independent of all data.</summary>
    IndependentOfData,

    /// <summary>OT-extension columns masked by a PRG under seeds the receiver does not know: independent of the sender's choice bits.</summary>
    PseudorandomOtColumns,

    /// <summary>Garbled tables and one label per wire: pseudorandom without the garbler's secret Δ.</summary>
    GarbledTables,

    /// <summary>The result: per household one bit, below the norm or not.</summary>
    OneBitPerHousehold,
}
