using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>
/// Party B of the secure comparison (in the pilot: UWV), the holder of the Paillier and DGK private keys. It decrypts
/// and zero-tests only values that arrive in the messages of one announced batch, each round once, and checks that
/// every decrypted value has the shape the protocol gives it; it is never a decryption oracle. A sans-I/O state
/// machine: <see cref="Receive"/> consumes A's message and returns the reply. A refused message leaves it unchanged.
/// </summary>
public sealed class ComparisonKeyHolder
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
            if (message.SessionId != _sessionId)
            {
                throw new ProtocolException(ProtocolFailure.WrongSession, "The message does not belong to this run.");
            }

            if (message.BatchSize != (uint)_batchSize)
            {
                throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"The message is for a batch of {message.BatchSize}, this run has {_batchSize}.");
            }
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
        if (message.SessionId.Length != 16)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "A session id has 16 bytes.");
        }

        var count = (int)System.Math.Min(message.BatchSize, int.MaxValue);
        if (count < 1)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, "The batch is empty.");
        }

        if (count > _maxBatchSize)
        {
            throw new ProtocolException(ProtocolFailure.BatchTooLarge, $"A batch of {count} exceeds this key holder's limit of {_maxBatchSize}.");
        }

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

        var blinded = new UInt128[count];
        var malformed = 0;
        Parallel.For(0, packed.Length, p =>
        {
            var start = p * slots;
            var length = System.Math.Min(slots, count - start);
            if (!VeugenSteps.TrySplit(_paillier.Decrypt(packed[p]), _session.Settings.SlotBits, blinded.AsSpan(start, length)))
            {
                Interlocked.Exchange(ref malformed, 1);
            }
        });
        _decryptions += packed.Length;
        if (malformed != 0)
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, "A packed value holds more than the announced slots; nothing is returned.");
        }

        // d = z + r with z ∈ [1, 2^(l+1)) and r < 2^(l+κ): a slot outside [1, 2^(l+κ) + 2^(l+1) − 2] (an empty slot of
        // an inflated batch length, or the spare top bit of the slot) is not a blinded difference.
        var largest = (UInt128.One << (_session.Bits + _session.Settings.StatisticalSecurity)) + (UInt128.One << (_session.Bits + 1)) - 2;
        if (Array.Exists(blinded, d => d == UInt128.Zero || d > largest))
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, "A blinded value lies outside the range the protocol gives it; nothing is returned.");
        }

        var l = _session.Bits;
        var dgk = _dgk.PublicKey;
        var highParts = new FreshPaillierCiphertext[count];
        var bits = new FreshDgkCiphertext[count * l];
        var betaMask = (UInt128.One << l) - 1;
        Parallel.For(0, count, k =>
        {
            var high = blinded[k] >> l;
            highParts[k] = key.Encrypt((System.Numerics.BigInteger)high, _paillierRandomizers.Take());
            VeugenSteps.EncryptLowBits(dgk, (ulong)(blinded[k] & betaMask), l, _dgkRandomizers, bits.AsSpan(k * l, l));
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
