using System.Globalization;
using System.Text;
using Samenreken.Domain;
using Samenreken.Domain.Csv;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;

namespace Samenreken.Synthetic;

/// <summary>What to generate.</summary>
/// <param name="Persons">Number of AOW recipients (rows of the SVB file).</param>
/// <param name="Seed">Same seed, same files.</param>
/// <param name="ReferenceYear">Year of the reference month.</param>
/// <param name="ReferenceMonth">The month whose income is compared; Polis statements cover it and the two before.</param>
public sealed record GeneratorOptions(int Persons, ulong Seed, int ReferenceYear = 2025, int ReferenceMonth = 6);

/// <summary>Counts of what was generated, including the share of households below the norm.</summary>
public sealed class GenerationSummary
{
    internal GenerationSummary(IReadOnlyDictionary<string, long> counts, string parameterVersion, bool testBsnRange)
    {
        Counts = counts;
        ParameterVersion = parameterVersion;
        TestBsnRange = testBsnRange;
    }

    /// <summary>Named counts: households, recipients, younger_partners, polis_rows, below_norm, receives_aio, selected, …</summary>
    public IReadOnlyDictionary<string, long> Counts { get; }

    /// <summary>The parameter set used for AOW amounts and the below-norm calibration.</summary>
    public string ParameterVersion { get; }

    /// <summary>True when every BSN lies in the 999900000–999999999 test range.</summary>
    public bool TestBsnRange { get; }

    /// <summary>Share of households whose approximate net income is below the norm.</summary>
    public double BelowNormShare => (double)Counts["below_norm"] / Counts["households"];
}

/// <summary>
/// Writes a synthetic SVB file and UWV (Polis) file, streaming household by household so that memory
/// stays bounded at any size. The distributions and their sources are in docs/synthetic-population.md.
/// </summary>
public static class PopulationGenerator
{
    /// <summary>File name of the SVB file in the output directory.</summary>
    public const string SvbFileName = "svb.csv";

    /// <summary>File name of the UWV file in the output directory.</summary>
    public const string UwvFileName = "uwv.csv";

    /// <summary>Generates both files into <paramref name="directory"/> (created if needed), and with <paramref name="groundTruth"/> the truth.csv that <c>accuracy</c> measures against.</summary>
    public static GenerationSummary GenerateToDirectory(GeneratorOptions options, string directory, bool groundTruth = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(directory);
        // Each file goes through a temporary name and carries a row count and checksum: a generation that stops
        // half-way leaves no file a reader would take for a population.
        using var svb = CsvFileWriter.Create(Path.Combine(directory, SvbFileName));
        using var uwv = CsvFileWriter.Create(Path.Combine(directory, UwvFileName));
        using var truth = groundTruth ? CsvFileWriter.Create(Path.Combine(directory, TruthFile.FileName)) : null;
        var summary = Generate(options, svb, uwv, truth);
        truth?.Complete();
        uwv.Complete();
        svb.Complete();
        return summary;
    }

    /// <summary>Generates both files to the given writers, and the ground truth (truth.csv) when a writer is given for it.</summary>
    public static GenerationSummary Generate(GeneratorOptions options, TextWriter svb, TextWriter uwv, TextWriter? truth = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(svb);
        ArgumentNullException.ThrowIfNull(uwv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Persons);
        var parameters = ParameterSet.For(options.ReferenceYear, options.ReferenceMonth);
        var state = new Generation(options, parameters, truth);
        var info = DataSetInfo.Create(new Dictionary<string, string>
        {
            ["synthetic"] = "true",
            ["generator"] = "samenreken-synthetic/1",
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["persons"] = options.Persons.ToString(CultureInfo.InvariantCulture),
            ["reference_month"] = parameters.ReferenceMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["note"] = "fictitious-persons;never-load-next-to-real-BSNs",
        });
        SvbFile.WriteHeader(svb, info);
        PolisFile.WriteHeader(uwv, info);
        if (truth is not null)
        {
            TruthFile.WriteHeader(truth, info);
        }
        while (state.Recipients < options.Persons)
        {
            state.Household(svb, uwv);
        }

        return new GenerationSummary(state.Counts, parameters.Version, state.TestBsnRange);
    }

    private sealed class Generation
    {
        private readonly GeneratorOptions _options;
        private readonly ParameterSet _p;
        private readonly SyntheticRandom _random;
        private readonly BsnAllocator _bsns;
        private readonly DateOnly _referenceEnd;
        private readonly DateOnly _windowStart;
        private readonly Dictionary<string, long> _counts = [];
        private readonly List<PolisRecord> _records = [];
        private readonly List<IncomeStream> _streams = [];
        private readonly TextWriter? _truthWriter;
        private readonly HouseholdTruthModel _truth;
        private long _householdId;

        public Generation(GeneratorOptions options, ParameterSet parameters, TextWriter? truth)
        {
            _truthWriter = truth;
            _truth = new HouseholdTruthModel(parameters, options.Seed);
            _options = options;
            _p = parameters;
            _random = new SyntheticRandom(options.Seed);
            _bsns = new BsnAllocator(_random, (long)(options.Persons * 1.05) + 10);
            _referenceEnd = parameters.ReferenceMonth.AddMonths(1).AddDays(-1);
            _windowStart = parameters.ReferenceMonth.AddMonths(-2);
            foreach (var key in new[] { "households", "recipients", "younger_partners", "polis_rows", "below_norm", "receives_aio", "selected", "at_norm", "partial_aow", "female", "age_80_plus", "no_polis_income", "several_pensions", "four_weekly_ikvs", "weekly_ikvs", "corrections", "negative_corrections", "partner_with_wages", "single_households", "couple_both_households", "couple_younger_households", "supplement_households", "assets_above_limit" })
            {
                _counts[key] = 0;
            }
        }

        public long Recipients => _counts["recipients"];

        public bool TestBsnRange => _bsns.TestRange;

        public Dictionary<string, long> Counts => _counts;

        private sealed record PersonDraft(Bsn Bsn, Sex Sex, DateOnly Birth, int Age, CountryOfBirthCategory Country, int BuildUp);

        public void Household(TextWriter svb, TextWriter uwv)
        {
            var id = ++_householdId;
            _streams.Clear();
            var type = (HouseholdType)_random.Pick(PopulationModel.HouseholdTypes);
            if (type == HouseholdType.CoupleBothAowAge && Recipients + 2 > _options.Persons)
            {
                type = HouseholdType.Single;
            }
            else if (type == HouseholdType.CoupleYoungerPartner && _random.Chance(PartnerSupplement.ShareOfYoungerPartnerCouples))
            {
                type = HouseholdType.CoupleYoungerPartnerWithSupplement;
            }

            var firstSex = type switch
            {
                HouseholdType.Single => _random.Chance(0.635) ? Sex.Female : Sex.Male, // widows: see docs for the 53.4% overall
                HouseholdType.CoupleYoungerPartner or HouseholdType.CoupleYoungerPartnerWithSupplement => _random.Chance(0.25) ? Sex.Female : Sex.Male,
                _ => _random.Chance(0.5) ? Sex.Female : Sex.Male,
            };
            var first = Draft(firstSex, type == HouseholdType.CoupleYoungerPartnerWithSupplement ? SupplementBirth() : AowAgeBirth(), country: null);
            var partnerSex = _random.Chance(0.96) ? (firstSex == Sex.Female ? Sex.Male : Sex.Female) : firstSex;
            PersonDraft? second = type switch
            {
                HouseholdType.CoupleBothAowAge => Draft(partnerSex, PartnerBirth(first.Birth), _random.Chance(0.8) ? first.Country : null),
                HouseholdType.CoupleYoungerPartner or HouseholdType.CoupleYoungerPartnerWithSupplement => Draft(partnerSex, YoungerBirth(), _random.Chance(0.8) ? first.Country : null),
                _ => null,
            };

            var municipality = Municipality(first.Country);
            var street = $"{Names.Streets[_random.Int(0, Names.Streets.Length - 1)]} {_random.Int(1, 240)}";
            var postcode = string.Create(CultureInfo.InvariantCulture, $"{_random.Int(1000, 9999)} {(char)('A' + _random.Int(0, 25))}{(char)('A' + _random.Int(0, 25))}");

            var aowFull = type == HouseholdType.Single ? _p.AowSingle : _p.AowCouplePerPerson;
            var recipients = type == HouseholdType.CoupleBothAowAge ? new[] { first, second! } : [first];
            var aow = recipients.Select(r => Aow(aowFull, r.BuildUp)).ToArray();

            // Polis statements per member, in member order: recipients, then a younger partner. With the supplement the
            // partner's income comes first: it reduces the supplement inside the recipient's AOW.
            var members = type.HasYoungerPartner() ? new[] { first, second! } : recipients;
            var partnerStatements = type == HouseholdType.CoupleYoungerPartnerWithSupplement ? Statements(second!, null, type, isYounger: true) : null;
            if (partnerStatements is not null)
            {
                aow[0] = WithSupplement(aow[0], first.BuildUp, partnerStatements);
            }

            var statements = new List<PolisRecord[]>();
            for (var i = 0; i < members.Length; i++)
            {
                var isRecipient = i < recipients.Length;
                statements.Add(!isRecipient && partnerStatements is not null ? partnerStatements : Statements(members[i], isRecipient ? aow[i].Gross : null, type, isYounger: !isRecipient));
            }

            // What the household rule adds per member: the part at the member's age band, plus for a single the supplement.
            var parts = statements.Select((s, i) => Contribution(PersonNetIncomePart.Compute(s, _p, i < recipients.Length ? AgeBand.AowAge : AgeBand.BelowAowAge), type)).ToArray();
            var norm = _p.Norm(type).Cents;
            var netAow = aow.Select(a => a.Net.Cents).ToArray();

            // Edge case: a few single households get one pension that puts them exactly at the norm, or one cent below.
            if (type == HouseholdType.Single && netAow[0] < norm && _random.Chance(PopulationModel.AtNormEdgeChance * 20))
            {
                var target = norm - netAow[0] - (_random.Chance(0.5) ? 0 : 1);
                if (AtNormStatements(first.Bsn, aow[0].Gross, target) is { } edge)
                {
                    statements[0] = edge;
                    parts[0] = target;
                    _counts["at_norm"]++;
                }
            }

            var income = parts.Sum() + netAow.Sum();
            var below = income < norm;
            var aio = below && _random.Chance(PopulationModel.AioTakeUp);
            Count("households", 1);
            Count(type switch { HouseholdType.Single => "single_households", HouseholdType.CoupleBothAowAge => "couple_both_households", _ => "couple_younger_households" }, 1);
            Count("supplement_households", type == HouseholdType.CoupleYoungerPartnerWithSupplement ? 1 : 0);
            Count("below_norm", below ? 1 : 0);
            Count("receives_aio", aio ? 1 : 0);
            Count("selected", below && !aio ? 1 : 0);

            for (var i = 0; i < recipients.Length; i++)
            {
                var r = recipients[i];
                var partner = type switch
                {
                    HouseholdType.Single => (Bsn?)null,
                    HouseholdType.CoupleBothAowAge => recipients[1 - i].Bsn,
                    _ => second!.Bsn,
                };
                var names = r.Sex == Sex.Female ? Names.Female : Names.Male;
                var name = $"{names[_random.Int(0, names.Length - 1)]} {Names.Surnames[_random.Int(0, Names.Surnames.Length - 1)]}";
                var recipient = AowRecipient.Create(
                    r.Bsn, id, type, partner, r.Birth, AowAge.Start(r.Birth), r.BuildUp, aow[i].Gross, Money.FromCents(netAow[i]), aio,
                    new LetterAddress(name, street, postcode, municipality.Name),
                    new Demographics(r.Sex, municipality.Code, r.Country));
                SvbFile.WriteRow(svb, recipient);
                Count("recipients", 1);
                Count("female", r.Sex == Sex.Female ? 1 : 0);
                Count("age_80_plus", r.Age >= 80 ? 1 : 0);
                Count("partial_aow", r.BuildUp < 100 ? 1 : 0);
            }

            if (_truthWriter is not null)
            {
                var truth = _truth.For(id, type, [.. members.Select((m, i) => new TruthMember(m.Bsn, i < recipients.Length, i < recipients.Length ? aow[i].Gross.Cents : 0, m.BuildUp, m.Country))], _streams);
                TruthFile.WriteRow(_truthWriter, truth);
                Count("assets_above_limit", truth.AssetsAboveLimit ? 1 : 0);
            }

            foreach (var list in statements)
            {
                foreach (var record in list)
                {
                    PolisFile.WriteRow(uwv, record);
                }

                Count("polis_rows", list.Length);
                Count("no_polis_income", list.All(r => r.Kind == IncomeKind.Aow) ? 1 : 0);
            }
        }

        private void Count(string key, long n) => _counts[key] += n;

        private static long Contribution(PersonParts parts, HouseholdType type) =>
            parts.Part.Cents + (type == HouseholdType.Single ? parts.SingleSupplement.Cents : 0);

        /// <summary>An AOW statement plus one monthly pension whose per-person part is exactly <paramref name="target"/>, if one exists.</summary>
        private PolisRecord[]? AtNormStatements(Bsn bsn, Money aowGross, long target)
        {
            var guess = target * TaxYear.RateScale / (TaxYear.RateScale - _p.Tax.ZvwRate);
            var streams = _streams.ToArray();
            for (var x = guess - 5; x <= guess + 5; x++)
            {
                _records.Clear();
                _streams.Clear();
                _streams.AddRange(streams.Where(s => s.Bsn != bsn));
                Ikv(bsn, "809000000L01", 1, 22, PayPeriod.Month, aowGross.Cents, 0, credit: true, correct: false);
                Ikv(bsn, "800000001L01", 1, 56, PayPeriod.Month, x, 0, credit: false, correct: false);
                if (Contribution(PersonNetIncomePart.Compute(_records, _p, AgeBand.AowAge), HouseholdType.Single) == target)
                {
                    return [.. _records];
                }
            }

            _streams.Clear();
            _streams.AddRange(streams);
            return null;
        }

        private PersonDraft Draft(Sex sex, DateOnly birth, CountryOfBirthCategory? country)
        {
            var c = country ?? (CountryOfBirthCategory)_random.Pick(PopulationModel.Countries);
            var index = (int)c;
            var buildUp = _random.Chance(PopulationModel.FullAowShare[index])
                ? 100
                : 2 * _random.Int(PopulationModel.PartialRange[index].From / 2, PopulationModel.PartialRange[index].To / 2);
            var age = _referenceEnd.Year - birth.Year - (_referenceEnd.DayOfYear < birth.DayOfYear ? 1 : 0);
            return new PersonDraft(_bsns.Next(), sex, birth, age, c, buildUp);
        }

        private DateOnly AowAgeBirth()
        {
            var band = PopulationModel.AgeBands[_random.Pick(PopulationModel.AgeBands.Select(b => b.Share).ToArray())];
            var birth = _referenceEnd.AddYears(-_random.Int(band.From, band.To)).AddDays(-_random.Int(0, 364));
            return EnsureAowAge(birth);
        }

        /// <summary>A recipient whose AOW started before 2015, the only ones who can still receive the partner supplement.</summary>
        private DateOnly SupplementBirth()
        {
            var birth = AowAgeBirth();
            while (AowAge.Start(birth) > HouseholdTypes.LastAowStartWithSupplement)
            {
                birth = birth.AddYears(-1);
            }

            return birth;
        }

        /// <summary>The recipient's AOW with the supplement, reduced by the partner's regular gross income per month in the window.</summary>
        private (Money Gross, Money Net) WithSupplement((Money Gross, Money Net) aow, int buildUp, PolisRecord[] partner)
        {
            var partnerMonthly = partner.Where(r => r.Version == 1).Sum(r => r.TaxableWage.Cents - r.SpecialRewards.Cents) / 3;
            var gross = aow.Gross.Cents + PartnerSupplement.GrossCents(_p, buildUp, partnerMonthly);
            return (Money.FromCents(gross), Money.FromCents(PartnerSupplement.NetCents(gross, _p)));
        }

        private DateOnly PartnerBirth(DateOnly other) =>
            EnsureAowAge(other.AddDays((int)Math.Round(_random.Normal() * 3 * 365)));

        private DateOnly EnsureAowAge(DateOnly birth)
        {
            while (AowAge.Start(birth) > _referenceEnd)
            {
                birth = birth.AddYears(-1);
            }

            return birth;
        }

        private DateOnly YoungerBirth()
        {
            var birth = _referenceEnd.AddYears(-_random.Int(58, 66)).AddDays(-_random.Int(0, 364));
            while (AowAge.Start(birth) <= _referenceEnd)
            {
                birth = birth.AddYears(1);
            }

            return birth;
        }

        private (string Code, string Name) Municipality(CountryOfBirthCategory country)
        {
            var abroad = country != CountryOfBirthCategory.Netherlands;
            Span<double> weights = stackalloc double[Names.Municipalities.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = abroad ? Names.Municipalities[i].Abroad : Names.Municipalities[i].Native;
            }

            var m = Names.Municipalities[_random.Pick(weights)];
            return (m.Code, m.Name);
        }

        private (Money Gross, Money Net) Aow(AowAmounts full, int buildUp)
        {
            // SVB pays build-up × full gross; Zvw withheld and truncated to cents; the tax credit makes the wage tax 0.
            var gross = ((full.Gross.Cents * buildUp) + 50) / 100;
            var zvw = gross * _p.Tax.ZvwRate / TaxYear.RateScale;
            return (Money.FromCents(gross), Money.FromCents(gross - zvw));
        }

        private PolisRecord[] Statements(PersonDraft person, Money? aowGross, HouseholdType type, bool isYounger)
        {
            _records.Clear();
            if (aowGross is { } gross)
            {
                Ikv(person.Bsn, "809000000L01", 1, 22, PayPeriod.Month, gross.Cents, holidayCents: gross.Cents * 12 * 8 / 100, credit: true, correct: false);
            }

            if (isYounger)
            {
                Count("younger_partners", 1);
                switch (_random.Pick(PopulationModel.YoungerPartnerIncome))
                {
                    case 0:
                        Count("partner_with_wages", 1);
                        Wage(person.Bsn, _random.LogNormal(1400, 0.7));
                        break;
                    case 1:
                        Ikv(person.Bsn, Payer(), 1, _random.Chance(0.5) ? 33 : 40, PayPeriod.Month, Cents(_random.LogNormal(1100, 0.4)), 0, credit: true, correct: false);
                        break;
                    case 2:
                        Pensions(person.Bsn, _random.LogNormal(700, 0.8));
                        break;
                    default:
                        break;
                }
            }
            else
            {
                var single = type == HouseholdType.Single;
                if (_random.Chance(PopulationModel.PensionChance(person.Country, person.Age, person.Sex, single)))
                {
                    Pensions(person.Bsn, _random.LogNormal(PopulationModel.PensionMedian(person.Country, person.Age, person.Sex), 0.85));
                }

                if (person.Age < 75 && _random.Chance(PopulationModel.WorkingPensionerChance))
                {
                    Wage(person.Bsn, _random.LogNormal(600, 0.8));
                }
            }

            return [.. _records];
        }

        private void Pensions(Bsn bsn, double monthlyEuros)
        {
            var count = 1 + _random.Pick(PopulationModel.PensionCount);
            Count("several_pensions", count > 1 ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                // The first pension is the largest; further ones are small (annuities, a second fund).
                var share = count == 1 ? 1.0 : i == 0 ? 0.7 : 0.3 / (count - 1);
                var period = (PayPeriod)_random.Pick(PopulationModel.PensionPeriods);
                var code = _random.Pick([0.85, 0.05, 0.04, 0.06]) switch { 0 => 56, 1 => 57, 2 => 59, _ => 63 };
                var monthly = Cents(monthlyEuros * share);
                var holiday = _random.Chance(0.5) ? monthly * 12 * 8 / 100 : 0;
                Ikv(bsn, Payer(), i + 1, code, period, monthly, holiday, credit: false, correct: _random.Chance(PopulationModel.CorrectionChance));
            }
        }

        private void Wage(Bsn bsn, double monthlyEuros)
        {
            var period = (PayPeriod)_random.Pick(PopulationModel.WagePeriods);
            var monthly = Cents(monthlyEuros);
            Ikv(bsn, Payer(), 1, 15, period, monthly, monthly * 12 * 8 / 100, credit: true, correct: false);
        }

        private static long Cents(double euros) => Math.Max(0, (long)Math.Round(euros * 100));

        private string Payer() => string.Create(CultureInfo.InvariantCulture, $"{_random.Int(100_000_000, 799_999_999)}L{_random.Int(1, 3):D2}");

        /// <summary>The statements of one IKV in the window: regular pay per period, holiday allowance in May, maybe a correction.</summary>
        private void Ikv(Bsn bsn, string payer, int ikv, int code, PayPeriod period, long monthlyCents, long holidayCents, bool credit, bool correct)
        {
            if (period == PayPeriod.FourWeeks)
            {
                Count("four_weekly_ikvs", 1);
            }
            else if (period == PayPeriod.Week)
            {
                Count("weekly_ikvs", 1);
            }

            _streams.Add(new IncomeStream(bsn, IncomeCodes.Kinds[code], monthlyCents, holidayCents));
            var perYear = IncomeCodes.PeriodsPerYear(period);
            var regular = monthlyCents * 12 / perYear;
            var kind = IncomeCodes.Kinds[code];
            var periods = Periods(period).ToArray();
            var corrected = correct ? _random.Int(0, periods.Length - 1) : -1;
            for (var i = 0; i < periods.Length; i++)
            {
                var (start, end) = periods[i];
                var paysHoliday = holidayCents > 0 && start <= new DateOnly(start.Year, 5, 20) && end >= new DateOnly(start.Year, 5, 20);
                Add(bsn, payer, ikv, code, kind, period, start, end, 1, regular, paysHoliday ? holidayCents : 0, credit);
                if (i == corrected)
                {
                    var negative = _random.Chance(PopulationModel.NegativeCorrectionShare);
                    var factor = negative ? (_random.Chance(0.33) ? -0.3 : 0.8) : 1.02; // late indexation up; a reclaim down, sometimes below zero
                    Count("corrections", 1);
                    Count("negative_corrections", negative ? 1 : 0);
                    Add(bsn, payer, ikv, code, kind, period, start, end, 2, (long)Math.Round(regular * factor), paysHoliday ? holidayCents : 0, credit);
                }
            }
        }

        private void Add(Bsn bsn, string payer, int ikv, int code, IncomeKind kind, PayPeriod period, DateOnly start, DateOnly end, int version, long regular, long holiday, bool credit)
        {
            var taxable = regular + holiday;
            var wageTax = Math.Max(0, (taxable * _p.Tax.Rate1AowAge / TaxYear.RateScale) - (credit ? regular / 4 : 0));
            var zvw = kind == IncomeKind.Wage ? 0 : Math.Max(0, taxable * _p.Tax.ZvwRate / TaxYear.RateScale);
            var accrued = kind == IncomeKind.Wage ? regular * 8 / 100 : 0;
            _records.Add(PolisRecord.Create(
                bsn, payer, ikv, code, period, start, end, version,
                Money.FromCents(taxable), Money.FromCents(holiday), Money.FromCents(holiday), Money.FromCents(accrued),
                Money.FromCents(kind == IncomeKind.Aow ? 0 : wageTax), Money.FromCents(zvw), credit));
        }

        /// <summary>Pay periods whose end falls in the three-month window: calendar months, or 4-week/week grids from 1 January.</summary>
        private IEnumerable<(DateOnly Start, DateOnly End)> Periods(PayPeriod period)
        {
            if (period == PayPeriod.Month)
            {
                for (var m = _windowStart; m <= _referenceEnd; m = m.AddMonths(1))
                {
                    yield return (m, m.AddMonths(1).AddDays(-1));
                }

                yield break;
            }

            var length = period == PayPeriod.FourWeeks ? 28 : 7;
            for (var year = _windowStart.Year; year <= _referenceEnd.Year; year++)
            {
                var count = period == PayPeriod.FourWeeks ? 13 : 52;
                for (var k = 0; k < count; k++)
                {
                    var start = new DateOnly(year, 1, 1).AddDays(length * k);
                    var end = period == PayPeriod.FourWeeks && k == 12 ? new DateOnly(year, 12, 31) : start.AddDays(length - 1);
                    if (end >= _windowStart && end <= _referenceEnd)
                    {
                        yield return (start, end);
                    }
                }
            }
        }
    }
}
