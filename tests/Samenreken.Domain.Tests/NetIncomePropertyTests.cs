using CsCheck;
using Samenreken.Domain.NetIncome;
using Samenreken.Domain.Polis;
using Samenreken.Domain.Svb;
using static Samenreken.Domain.Tests.TestData;

namespace Samenreken.Domain.Tests;

public class NetIncomePropertyTests
{
    private static readonly ParameterSet s_params = ParameterSet.For(2025, 6);
    private static readonly int[] s_codes = [15, 56, 56, 59, 63, 33, 43, 22];

    /// <summary>Statements of one person: a few IKVs, mixed pay periods, corrections, negative and huge amounts.</summary>
    private static Gen<PolisRecord[]> Statements(Bsn bsn) =>
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, s_codes.Length - 1], Gen.Int[0, 2], Gen.Long[-50_000, 600_000], Gen.Int[0, 20], Gen.Int[1, 3])
            .Select((ikv, code, period, cents, rare, version) => Statement(bsn, ikv, s_codes[code], (PayPeriod)period, rare switch
            {
                0 => cents * 100_000, // far above the cap
                1 => -cents,
                _ => cents,
            }, version, rare))
            .Array[0, 12]
            .Select(records => records.DistinctBy(r => (r.PayerId, r.IkvNumber, r.PeriodStart, r.Version)).ToArray());

    private static PolisRecord Statement(Bsn bsn, int ikv, int code, PayPeriod period, long cents, int version, int offset)
    {
        var start = period switch
        {
            PayPeriod.Month => new DateOnly(2025, 4 + (offset % 3), 1),
            PayPeriod.FourWeeks => new DateOnly(2025, 3, 26).AddDays(28 * (offset % 3)),
            _ => new DateOnly(2025, 3, 31).AddDays(7 * (offset % 13)),
        };
        var end = period switch
        {
            PayPeriod.Month => start.AddMonths(1).AddDays(-1),
            PayPeriod.FourWeeks => start.AddDays(27),
            _ => start.AddDays(6),
        };
        return PolisRecord.Create(bsn, "123456789L0" + (ikv % 10), ikv, code, period, start, end, version,
            Money.FromCents(cents), Money.FromCents(offset == 5 ? cents / 3 : 0), Money.Zero, Money.Zero, Money.Zero, Money.Zero, false);
    }

    private static PolisRecord WithMoreWage(PolisRecord r, long extra) =>
        PolisRecord.Create(r.Bsn, r.PayerId, r.IkvNumber, r.IncomeCode, r.PayPeriod, r.PeriodStart, r.PeriodEnd, r.Version,
            r.TaxableWage + Money.FromCents(extra), r.SpecialRewards, r.HolidayAllowancePaid, r.HolidayAllowanceAccrued, r.WithheldWageTax, r.WithheldZvw, r.TaxCreditApplied);

    [Fact]
    public void MoreGrossIncome_NeverLowersTheNet() =>
        Gen.Select(Statements(A).Where(s => s.Any(r => r.Kind != IncomeKind.Aow)), Gen.Int[0, 11], Gen.Long[0, 50_000_000]).Sample((records, pick, extra) =>
        {
            // Any statement except the AOW's: the AOW in Polis only sets the tax base (SVB adds its own net AOW).
            var candidates = records.Select((r, i) => (r, i)).Where(x => x.r.Kind != IncomeKind.Aow).ToArray();
            var i = candidates[pick % candidates.Length].i;
            var richer = records.ToArray();
            richer[i] = WithMoreWage(records[i], extra);
            var before = PersonNetIncomePart.NetMonthlyCents(records, s_params, null);
            var after = PersonNetIncomePart.NetMonthlyCents(richer, s_params, null);
            if (after < before)
            {
                Assert.Fail($"{before} -> {after}\n{string.Join('\n', PersonNetIncomePart.Explain(records, s_params).Steps)}\n{string.Join('\n', PersonNetIncomePart.Explain(richer, s_params).Steps)}");
            }

            Assert.True(PersonNetIncomePart.Compute(richer, s_params).Cents >= PersonNetIncomePart.Compute(records, s_params).Cents);
        });

    [Fact]
    public void MoreGross_AroundTheCreditPhaseOuts_NeverLowersTheNet() =>
        Gen.Long[0, 10_000_000].Sample(monthly =>
        {
            var a = PersonNetIncomePart.NetMonthlyCents([Monthly(A, 2025, 5, monthly / 100m)], s_params, null);
            var b = PersonNetIncomePart.NetMonthlyCents([Monthly(A, 2025, 5, (monthly + 1) / 100m)], s_params, null);
            Assert.True(b >= a);
        });

    private static Gen<(Household Household, Dictionary<Bsn, PolisRecord[]> Polis)> Households =>
        Gen.Select(Gen.Int[0, 2], Gen.Long[0, 250_000], Statements(A), Statements(B), Gen.Long[0, 250_000])
            .Select((type, aow, a, b, aow2) =>
            {
                var kind = (HouseholdType)type;
                var rows = kind switch
                {
                    HouseholdType.Single => new[] { Recipient(A, 1, kind, null, aow / 100m) },
                    HouseholdType.CoupleBothAowAge => [Recipient(A, 1, kind, B, aow / 100m), Recipient(B, 1, kind, A, aow2 / 100m)],
                    _ => [Recipient(A, 1, kind, B, aow / 100m)],
                };
                Assert.True(Household.TryCreate(rows, out var household, out _));
                return (household!, new Dictionary<Bsn, PolisRecord[]> { [A] = a, [B] = b });
            });

    [Fact]
    public void SplitIntoPersonAndHouseholdParts_EqualsTheDirectComputation() =>
        Households.Sample(h =>
        {
            var rule = HouseholdRule.For(h.Household, s_params);
            var parts = Parts(rule, m => h.Polis[m], s_params);
            var direct = NetIncomeReference.Evaluate(h.Household, m => h.Polis[m], s_params);
            Assert.Equal(direct.BelowNorm, rule.Selects(parts));
            if (parts.All(p => p.Part.Cents < PersonIncomeCents.Cap))
            {
                Assert.Equal(direct.IncomeCents, rule.IncomeCents(parts));
            }
        });

    [Fact]
    public void ClampingAtTheCap_NeverChangesTheSelection() =>
        Households.Sample(h =>
        {
            var rule = HouseholdRule.For(h.Household, s_params);
            var parts = Parts(rule, m => h.Polis[m], s_params);
            var unclamped = rule.Members.Select((m, i) => Math.Max(0, PersonNetIncomePart.NetMonthlyCents(h.Polis[m], s_params, null, rule.Bands[i])) + (rule.SupplementCoefficients[i] * parts[i].SingleSupplement.Cents)).Sum() + rule.SvbConstantCents;
            var clamped = rule.IncomeCents(parts);
            Assert.Equal(unclamped < rule.NormCents, clamped < rule.NormCents);
            Assert.InRange(clamped, 0, HouseholdRule.ComparisonBound - 1);
        });

    [Fact]
    public void ARuleWhoseLargestIncomeDoesNotFit32Bits_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            HouseholdRule.Create(1, HouseholdType.CoupleBothAowAge, [A, B, C], [1, 1, 3], 0, 100));
        Assert.Equal("coefficients", error.ParamName);
        Assert.Equal("normCents", Assert.Throws<ArgumentOutOfRangeException>(() =>
            HouseholdRule.Create(1, HouseholdType.Single, [A], [1], 0, HouseholdRule.ComparisonBound)).ParamName);
    }

    [Fact]
    public void PersonIncomeCents_FromCents_RejectsOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonIncomeCents.FromCents(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonIncomeCents.FromCents(PersonIncomeCents.Cap + 1));
        Assert.Equal(PersonIncomeCents.Cap, PersonIncomeCents.Clamp(long.MaxValue).Cents);
    }
}
