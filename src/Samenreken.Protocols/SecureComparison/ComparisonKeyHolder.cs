using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Party B of the secure comparison (in the pilot: UWV), the holder of the Paillier and DGK private keys. It decrypts
/// and zero-tests only values that arrive in the messages of one announced batch, each round once, and checks that
/// every decrypted value has the shape the protocol gives it; it is never a decryption oracle. A sans-I/O state
/// machine: <see cref="Receive"/> consumes A's message and returns the reply. A refused message leaves it unchanged.
/// </summary>
public sealed partial class ComparisonKeyHolder
{
    private readonly ComparisonSession _session;
    private readonly PaillierPrivateKey _paillier;
    private readonly DgkPrivateKey _dgk;
    private readonly RandomSource _random;
    private readonly int _maxBatchSize;
    private readonly RandomizerPool<DgkRandomizer> _dgkRandomizers;
    private readonly RandomizerPool<PaillierRandomizer> _paillierRandomizers;
    private Stage _stage = Stage.AwaitingBlindedDifferences;
    private ByteString _sessionId = ByteString.Empty;
    private int _batchSize;
    private ComparisonOutputMode _mode;
    private int _decryptions;
    private int _zeroTests;

    public ComparisonKeyHolder(ComparisonSettings settings, PaillierPrivateKey paillier, DgkPrivateKey dgk, RandomSource random, int maxBatchSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(paillier);
        ArgumentNullException.ThrowIfNull(dgk);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _session = new ComparisonSession(settings, paillier.PublicKey, dgk.PublicKey);
        _paillier = paillier;
        _dgk = dgk;
        _random = random;
        _maxBatchSize = maxBatchSize;
        _dgkRandomizers = new RandomizerPool<DgkRandomizer>(() => dgk.NewRandomizer(random));
        _paillierRandomizers = new RandomizerPool<PaillierRandomizer>(() => paillier.PublicKey.NewRandomizer(random));
    }

    private enum Stage
    {
        AwaitingBlindedDifferences,
        AwaitingMaskedTerms,
        AwaitingMaskedOutputs,
        Completed,
    }

    public bool IsCompleted => _stage == Stage.Completed;

    /// <summary>The batch size announced by A, once the run started.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Paillier decryptions served in this run (for the audit trail).</summary>
    public int DecryptionsServed => _decryptions;

    /// <summary>DGK zero tests served in this run (for the audit trail).</summary>
    public int ZeroTestsServed => _zeroTests;

    /// <summary>Offline phase: l DGK randomizers (by the CRT, <see cref="DgkPrivateKey.NewRandomizer"/>) and two Paillier randomizers per item.</summary>
    public void PrecomputeRandomness(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _dgk.Precompute();
        _session.Paillier.Precompute();
        _dgkRandomizers.Fill(batchSize * _session.Bits);
        _paillierRandomizers.Fill(2 * batchSize);
    }

    /// <summary>The randomizers made offline and not yet used: DGK and Paillier (what <see cref="PrecomputeRandomness"/> filled).</summary>
    internal (int Dgk, int Paillier) PrecomputedRandomizers => (_dgkRandomizers.Remaining, _paillierRandomizers.Remaining);

    /// <summary>Consumes A's message and returns the reply.</summary>
    public ComparisonMessage Receive(ComparisonMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_stage == Stage.Completed)
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This run is complete; a new batch needs a new run.");
        }

        if (_stage != Stage.AwaitingBlindedDifferences)
        {
            RunRules.CheckFollowUp(message.SessionId, message.BatchSize, _sessionId, _batchSize);
        }

        return (_stage, message.BodyCase) switch
        {
            (Stage.AwaitingBlindedDifferences, ComparisonMessage.BodyOneofCase.BlindedDifferences) => OnBlindedDifferences(message),
            (Stage.AwaitingMaskedTerms, ComparisonMessage.BodyOneofCase.MaskedTerms) => OnMaskedTerms(message.MaskedTerms),
            (Stage.AwaitingMaskedOutputs, ComparisonMessage.BodyOneofCase.MaskedOutputs) => OnMaskedOutputs(message.MaskedOutputs),
            _ => throw new ProtocolException(ProtocolFailure.UnexpectedMessage, $"A {message.BodyCase} message is not expected while {_stage}."),
        };
    }

    /// <summary>Step 2 (message 2, EncryptedBits): decrypts the packed d, checks their shape, returns [d div 2^l] and the DGK-encrypted bits of d mod 2^l.</summary>
    private ComparisonMessage OnBlindedDifferences(ComparisonMessage message)
    {
        var body = message.BlindedDifferences;
        var count = RunRules.CheckOpening(message.SessionId, message.BatchSize, _maxBatchSize);

        if (!_session.Parameters.Equals(body.Parameters))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The evaluator's parameters or keys differ from the key holder's.");
        }

        var slots = _session.SlotsPerCiphertext;
        if (body.SlotBits != (uint)_session.Settings.SlotBits || body.SlotsPerCiphertext != (uint)slots)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The packing differs from the one the parameters imply.");
        }

        if (body.OutputMode is not (OutputMode.EncryptedToEvaluator or OutputMode.PlaintextToEvaluator))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "Unknown output mode.");
        }

        var key = _paillier.PublicKey;
        var packed = CiphertextCodec.ReadPaillier(body.PackedCiphertexts, ComparisonSession.PackedCount(count, slots), key, "packed_ciphertexts");

        UInt128[] blinded;
        try
        {
            blinded = BlindingSteps.DecryptAndCheck(_paillier, packed, count, _session.Settings, slots);
        }
        finally
        {
            _decryptions += packed.Length;
        }

        var l = _session.Bits;
        var dgk = _dgk.PublicKey;
        var highParts = new FreshPaillierCiphertext[count];
        var bits = new FreshDgkCiphertext[count * l];
        Parallel.For(0, count, k =>
        {
            var high = blinded[k] >> l;
            highParts[k] = key.Encrypt((System.Numerics.BigInteger)high, _paillierRandomizers.Take());

            // β = d mod 2^l: EncryptLowBits reads only the l low bits (l < 64) of the truncated value.
            VeugenSteps.EncryptLowBits(dgk, (ulong)blinded[k], l, _dgkRandomizers, bits.AsSpan(k * l, l));
        });

        _sessionId = message.SessionId;
        _batchSize = count;
        _mode = (ComparisonOutputMode)body.OutputMode;
        _stage = Stage.AwaitingMaskedTerms;
        return Reply(new ComparisonMessage
        {
            EncryptedBits = new EncryptedBits
            {
                HighParts = CiphertextCodec.Write(highParts, key.CiphertextBytes),
                BitCiphertexts = CiphertextCodec.Write(bits, dgk.CiphertextBytes),
            },
        });
    }

    /// <summary>Step 5 (message 4, ZeroTestResults): zero-tests each item's l + 1 terms and returns [δ_B].</summary>
    private ComparisonMessage OnMaskedTerms(MaskedTerms body)
    {
        var count = _batchSize;
        var perItem = _session.TermsPerItem;
        var terms = CiphertextCodec.ReadDgk(body.TermCiphertexts, count * perItem, _dgk.PublicKey, "term_ciphertexts");
        var key = _paillier.PublicKey;
        var results = new FreshPaillierCiphertext[count];
        Parallel.For(0, count, k =>
        {
            var deltaB = VeugenSteps.ZeroTest(_dgk, terms.AsSpan(k * perItem, perItem));
            results[k] = key.Encrypt(deltaB ? System.Numerics.BigInteger.One : System.Numerics.BigInteger.Zero, _paillierRandomizers.Take());
        });

        _zeroTests += count * perItem;
        _stage = _mode == ComparisonOutputMode.PlaintextToEvaluator ? Stage.AwaitingMaskedOutputs : Stage.Completed;
        return Reply(new ComparisonMessage { ZeroTestResults = new ZeroTestResults { ResultCiphertexts = CiphertextCodec.Write(results, key.CiphertextBytes) } });
    }

    /// <summary>Step 7 (message 6, RevealedBits): decrypts the packed masked bits, refusing any plaintext that is not exactly one bit per announced item.</summary>
    private ComparisonMessage OnMaskedOutputs(MaskedOutputs body)
    {
        var count = _batchSize;
        var slots = _session.BitSlotsPerCiphertext;
        if (body.SlotsPerCiphertext != (uint)slots)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The output packing differs from the one the parameters imply.");
        }

        var packed = CiphertextCodec.ReadPaillier(body.PackedCiphertexts, ComparisonSession.PackedCount(count, slots), _paillier.PublicKey, "packed_ciphertexts");
        var plaintexts = new BigNumber[packed.Length];
        Parallel.For(0, packed.Length, p => plaintexts[p] = _paillier.Decrypt(packed[p]));
        _decryptions += packed.Length;

        var bits = new byte[(count + 7) / 8];
        for (var p = 0; p < packed.Length; p++)
        {
            var start = p * slots;
            var length = System.Math.Min(slots, count - start);
            var plaintext = plaintexts[p].ToBigInteger();
            if (plaintext.GetBitLength() > length)
            {
                throw new ProtocolException(ProtocolFailure.OutOfRange, "A masked output holds more than one bit per announced item; nothing is returned.");
            }

            for (var k = 0; k < length; k++)
            {
                if (!((plaintext >> k) & System.Numerics.BigInteger.One).IsZero)
                {
                    bits[(start + k) >> 3] |= (byte)(1 << ((start + k) & 7));
                }
            }
        }

        _stage = Stage.Completed;
        return Reply(new ComparisonMessage { RevealedBits = new RevealedBits { Bits = ByteString.CopyFrom(bits) } });
    }

    private ComparisonMessage Reply(ComparisonMessage message)
    {
        message.SessionId = _sessionId;
        message.BatchSize = (uint)_batchSize;
        return message;
    }
}
