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
using Samenreken.Protocols.FileComparison;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Pilot;

/// <summary>How to run the pilot: key size and policy, the CSPRNG, households per comparison run.</summary>
public sealed record PilotOptions(int Bits, KeySizePolicy Policy, RandomSource Random, int BatchSize = SvbHouseholdSelector.DefaultBatchSize);

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
        var parameters = Reference(openSvb, openUwv, report);
        Phase("plaintext reference");

        progress?.Report(new PilotProgress($"UWV generates {options.Bits}-bit Paillier and DGK keys", 0, 0));
        var settings = ComparisonSettings.Default;
        var t = DgkKeyPair.DefaultSubgroupBits(options.Bits);
        var paillier = PaillierKeyPair.Generate(options.Bits, options.Policy, options.Random);
        var dgk = DgkKeyPair.Generate(options.Bits, settings.ComparisonBits, t, options.Policy, options.Random);
        paillier.PublicKey.Precompute();
        dgk.PublicKey.Precompute();
        report.PaillierBits = paillier.PublicKey.Bits;
        report.DgkBits = dgk.PublicKey.N.BitLength;
        report.DgkSubgroupBits = t;
        Phase("key generation (UWV)");

        // UWV's side: its own file, its own keys. SVB's side gets only the public keys.
        Dictionary<string, long> parts;
        using (var uwv = openUwv())
        {
            parts = PilotParties.UwvParts(PolisFile.OpenPersons(uwv).Read().Where(r => r.Value is not null).Select(r => r.Value!), parameters);
        }

        var encryptor = new UwvIncomeEncryptor(paillier.PublicKey, parts, PilotParties.MaxPartCents, options.Random);
        Phase("per-person parts (UWV, plaintext)");

        var households = new List<Household>();
        using (var svb = openSvb())
        {
            households.AddRange(SvbFile.OpenHouseholds(svb).Read().Where(r => r.Value is { ReceivesAio: false }).Select(r => r.Value!));
        }

        var selector = new SvbHouseholdSelector(
            settings, paillier.PublicKey, dgk.PublicKey, [.. households.Select(h => PilotParties.Formula(h, parameters))], PilotParties.MaxPartCents, options.Random, options.BatchSize);
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
        while (selector.HasNextBatch)
        {
            var toUwv = selector.StartNextBatch();
            var keyHolder = new ComparisonKeyHolder(settings, paillier.PrivateKey, dgk.PrivateKey, options.Random, options.BatchSize);
            keyHolder.PrecomputeRandomness((int)toUwv.BatchSize);
            for (ComparisonMessage? next = toUwv; next is not null;)
            {
                var reply = keyHolder.Receive(Transfer(next, ComparisonMessage.Parser, report));
                next = selector.Receive(Transfer(reply, ComparisonMessage.Parser, report));
            }

            report.DecryptionsServed += keyHolder.DecryptionsServed;
            report.ComparisonBatches++;
            compared += toUwv.BatchSize;
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
    private static ParameterSet Reference(Func<TextReader> openSvb, Func<TextReader> openUwv, PilotReport report)
    {
        using var svbText = openSvb();
        using var uwvText = openUwv();
        var svb = SvbFile.OpenHouseholds(svbText);
        var month = svb.Info["reference_month"];
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"The SVB file names no reference_month yyyy-MM ('{month}').");
        }

        if (!ParameterSet.TryFor(date.Year, date.Month, out var parameters, out var error))
        {
            throw new InvalidDataException(error);
        }

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var summary = ReferenceSelection.Run(svb, PolisFile.OpenPersons(uwvText), parameters!, CsvLoadMode.SkipAndReport, output);
        report.ParameterVersion = parameters!.Version;
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
