using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Pilot;

/// <summary>How to run the pilot: key size and policy, the CSPRNG, households per comparison run.</summary>
/// <param name="Bits">Paillier and DGK modulus size.</param>
/// <param name="Policy">The key size policy.</param>
/// <param name="Random">The CSPRNG.</param>
/// <param name="BatchSize">Households per comparison run.</param>
/// <param name="Engine">The comparison engine (garbled circuit by default).</param>
/// <param name="MaxBadRowShare">The share of bad rows above which a file is refused as a whole (no selection).</param>
public sealed record PilotOptions(
    int Bits,
    KeySizePolicy Policy,
    RandomSource Random,
    int BatchSize = SvbHouseholdSelector.DefaultBatchSize,
    ComparisonEngineKind Engine = ComparisonEngine.Default,
    double MaxBadRowShare = CsvReader<Household>.DefaultMaxBadRowShare);

/// <summary>
/// Where a pilot run is: the phase that started, and in the comparison phase the comparisons done of
/// <paramref name="Total"/> (0 for a phase without a count). Counts only, never data.
/// </summary>
public readonly record struct PilotProgress(string Phase, long Done, long Total);

/// <summary>One timed phase of a pilot run.</summary>
public sealed record PilotPhase(string Name, TimeSpan Elapsed);

/// <summary>What a pilot run did and measured: counts, sizes and timings only, plus the two selections for the files.</summary>
public sealed class PilotReport
{
    internal PilotReport()
    {
    }

    /// <summary>The comparison engine the run used: "dgk" or "gc".</summary>
    public string Engine { get; internal set; } = string.Empty;

    public int PaillierBits { get; internal set; }

    public int DgkBits { get; internal set; }

    public int DgkSubgroupBits { get; internal set; }

    public string ParameterVersion { get; internal set; } = string.Empty;

    /// <summary>Households in the SVB file.</summary>
    public long Households { get; internal set; }

    /// <summary>Households already receiving AIO: not approached, so not asked about.</summary>
    public long ReceivesAio { get; internal set; }

    /// <summary>Households compared on ciphertexts.</summary>
    public int HouseholdsCompared { get; internal set; }

    /// <summary>Comparisons run: the households padded with dummies up to the persons asked (UWV sees only this count).</summary>
    public int ComparisonsRun { get; internal set; }

    /// <summary>Distinct persons SVB asked UWV about.</summary>
    public int PersonsAsked { get; internal set; }

    /// <summary>Of those, persons without Polis data (UWV's count; answered with an encryption of 0).</summary>
    public long PersonsUnknownToPolis { get; internal set; }

    public int ComparisonBatches { get; internal set; }

    /// <summary>Bytes of all protobuf messages between the parties, both directions.</summary>
    public long BytesExchanged { get; internal set; }

    /// <summary>Paillier decryptions UWV served in the comparisons (for the audit trail).</summary>
    public long DecryptionsServed { get; internal set; }

    /// <summary>Bad rows in the two files, skipped by both the reference and the encrypted run.</summary>
    public int BadRows { get; internal set; }

    /// <summary>The encrypted selection, in SVB file order, as rows of <see cref="ReferenceSelection.Header"/>.</summary>
    public IReadOnlyList<string> EncryptedSelection { get; internal set; } = [];

    /// <summary>The plaintext reference selection, as <see cref="ReferenceSelection.Run"/> wrote it (without header).</summary>
    public IReadOnlyList<string> ReferenceSelection { get; internal set; } = [];

    /// <summary>Rows in one selection and not in the other.</summary>
    public int OnlyEncrypted { get; internal set; }

    public int OnlyReference { get; internal set; }

    /// <summary>True when the two selections hold exactly the same rows.</summary>
    public bool EqualToReference => OnlyEncrypted == 0 && OnlyReference == 0 && EncryptedSelection.Count == ReferenceSelection.Count;

    public List<PilotPhase> Phases { get; } = [];

    public double ComparisonsPerSecond { get; internal set; }
}

/// <summary>
/// The pilot with both parties in one process: the plaintext reference, then the encrypted selection (UWV's keys and
/// encryptor, SVB's selector, the secure comparison per batch), every message through its protobuf bytes as it
/// would cross the network, and the comparison of the two selections. The parties share nothing but messages.
/// </summary>
public static class PilotRun
{
    /// <param name="openSvb">Opens the SVB file (called twice: reference and SVB's part).</param>
    /// <param name="openUwv">Opens the UWV file (called twice: reference and UWV's part).</param>
    /// <param name="options">Keys and batching.</param>
    /// <param name="progress">Receives each phase as it starts and, in the comparison, the comparisons done after each batch.</param>
    public static PilotReport Run(Func<TextReader> openSvb, Func<TextReader> openUwv, PilotOptions options, IProgress<PilotProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(openSvb);
        ArgumentNullException.ThrowIfNull(openUwv);
        ArgumentNullException.ThrowIfNull(options);
        var report = new PilotReport();
        var clock = Stopwatch.StartNew();
        void Phase(string name)
        {
            report.Phases.Add(new PilotPhase(name, clock.Elapsed));
            clock.Restart();
        }

        progress?.Report(new PilotProgress("plaintext reference", 0, 0));
        var parameters = Reference(openSvb, openUwv, report, options.MaxBadRowShare);
        Phase("plaintext reference");

        // The garbled-circuit engine needs no DGK key: UWV generates one only for the DGK engine.
        var useDgk = options.Engine == ComparisonEngineKind.Dgk;
        progress?.Report(new PilotProgress($"UWV generates {options.Bits}-bit Paillier{(useDgk ? " and DGK" : string.Empty)} keys", 0, 0));
        var settings = ComparisonSettings.Default;
        var t = DgkKeyPair.DefaultSubgroupBits(options.Bits);
        using var paillier = PaillierKeyPair.Generate(options.Bits, options.Policy, options.Random);
        using var dgk = useDgk ? DgkKeyPair.Generate(options.Bits, settings.ComparisonBits, t, options.Policy, options.Random) : null;
        paillier.PublicKey.Precompute();
        dgk?.PublicKey.Precompute();
        report.Engine = ComparisonEngine.Name(options.Engine);
        report.PaillierBits = paillier.PublicKey.Bits;
        report.DgkBits = dgk?.PublicKey.N.BitLength ?? 0;
        report.DgkSubgroupBits = dgk is null ? 0 : t;
        Phase("key generation (UWV)");

        // UWV's side: its own file, its own keys. SVB's side gets only the public keys.
        UwvIncomeEncryptor encryptor;
        using (var uwv = openUwv())
        {
            var (atAowAge, belowAowAge) = PilotParties.UwvParts(PilotParties.ReadWhole(PolisFile.OpenPersons(uwv), ReferenceRunOptions.UwvFileName, options.MaxBadRowShare), parameters);
            encryptor = new UwvIncomeEncryptor(paillier.PublicKey, atAowAge, belowAowAge, PilotParties.MaxPartCents, PilotParties.MaxSupplementCents, options.Random);
        }

        Phase("per-person parts (UWV, plaintext)");

        var households = new List<Household>();
        using (var svb = openSvb())
        {
            // Read again for the encrypted run, so checked again: a file changed since the reference is refused too.
            households.AddRange(PilotParties.ReadWhole(SvbFile.OpenHouseholds(svb), ReferenceRunOptions.SvbFileName, options.MaxBadRowShare).Where(h => !h.ReceivesAio));
        }

        var selector = new SvbHouseholdSelector(
            settings, paillier.PublicKey, dgk?.PublicKey, [.. households.Select(h => PilotParties.Formula(h, parameters))], PilotParties.MaxPartCents, options.Random, options.BatchSize, PilotParties.MaxSupplementCents, options.Engine);
        var request = Transfer(selector.CreateRequest(), IncomeRequest.Parser, report);
        report.HouseholdsCompared = selector.HouseholdCount;
        report.PersonsAsked = request.PersonIds.Count;
        Phase("households and request (SVB)");

        progress?.Report(new PilotProgress($"UWV encrypts {request.PersonIds.Count:N0} per-person parts", 0, 0));
        var response = Transfer(encryptor.Answer(request), IncomeResponse.Parser, report);
        report.PersonsUnknownToPolis = encryptor.UnknownPersonsServed;
        Phase("encryption of parts (UWV)");

        selector.Receive(response);
        Phase("household sums on ciphertexts (SVB)");

        var comparing = $"comparing {selector.HouseholdCount:N0} households ({selector.ComparisonCount:N0} comparisons with padding, {selector.BatchCount} batches)";
        long compared = 0;
        progress?.Report(new PilotProgress(comparing, compared, selector.ComparisonCount));
        // The run's engine session: the garbled engine's base OTs once, for all batches.
        var keyHolderSession = ComparisonEngineSessions.NewKeyHolderSession(options.Engine, settings, paillier.PrivateKey, dgk?.PrivateKey, options.Random);
        if (selector.OpenSession() is { } opening)
        {
            selector.AcceptSession(Transfer(keyHolderSession.Accept(Transfer(opening, EngineMessage.Parser, report)), EngineMessage.Parser, report));
        }

        for (var batch = 0UL; selector.HasNextBatch; batch++)
        {
            var toUwv = selector.StartNextBatch();
            var keyHolder = keyHolderSession.NewRun(options.BatchSize, batch);
            for (EngineMessage? next = toUwv; next is not null;)
            {
                var reply = keyHolder.Receive(Transfer(next, EngineMessage.Parser, report));
                next = selector.Receive(Transfer(reply, EngineMessage.Parser, report));
            }

            report.DecryptionsServed += keyHolder.DecryptionsServed;
            report.ComparisonBatches++;
            compared += ComparisonEngine.BatchSize(toUwv);
            progress?.Report(new PilotProgress(comparing, compared, selector.ComparisonCount));
        }

        report.ComparisonsRun = selector.ComparisonCount;
        report.ComparisonsPerSecond = selector.ComparisonCount / clock.Elapsed.TotalSeconds;
        Phase("secure comparison (both)");

        var selected = selector.Selected;
        report.EncryptedSelection = [.. households.Where((_, i) => selected[i]).Select(PilotParties.SelectionRow)];
        var encrypted = report.EncryptedSelection.ToHashSet(StringComparer.Ordinal);
        var reference = report.ReferenceSelection.ToHashSet(StringComparer.Ordinal);
        report.OnlyEncrypted = encrypted.Count(r => !reference.Contains(r));
        report.OnlyReference = reference.Count(r => !encrypted.Contains(r));
        Phase("verification");
        return report;
    }

    /// <summary>The plaintext reference, by <see cref="ReferenceSelection.Run"/> itself; returns the parameter set of the data's reference month.</summary>
    /// <exception cref="InvalidDataException">A file is refused as a whole, or the data names no usable month.</exception>
    private static ParameterSet Reference(Func<TextReader> openSvb, Func<TextReader> openUwv, PilotReport report, double maxBadRowShare)
    {
        using var svbText = openSvb();
        using var uwvText = openUwv();
        var svb = SvbFile.OpenHouseholds(svbText);
        PilotParties.RefuseUnreadableHeader(svb, ReferenceRunOptions.SvbFileName);
        var parameters = PilotParties.Parameters(svb.Info, "SVB");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters, CsvLoadMode.SkipAndReport, output, options: new ReferenceRunOptions(maxBadRowShare));
        if (summary.Refusal is { } refusal)
        {
            // No selection on data that could not be read: neither the reference nor the encrypted run goes on.
            throw new InvalidDataException(refusal.ToString());
        }

        report.ParameterVersion = parameters.Version;
        report.Households = summary.Households;
        report.ReceivesAio = summary.ReceivesAio;
        report.BadRows = summary.Errors.Count;
        report.ReferenceSelection = [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)];
        return parameters;
    }

    /// <summary>Sends a message through its bytes, as over the network, and counts them.</summary>
    private static T Transfer<T>(T message, MessageParser<T> parser, PilotReport report)
        where T : IMessage<T>
    {
        var bytes = message.ToByteArray();
        report.BytesExchanged += bytes.Length;
        return parser.ParseFrom(bytes);
    }
}
