using System.Diagnostics;

namespace Samenreken.Domain.Svb;

/// <summary>Name and address for the letter (art. 2); never used in the computation.</summary>
/// <param name="Name">Full name as on the envelope.</param>
/// <param name="Street">Street and house number.</param>
/// <param name="Postcode">Dutch postcode, e.g. 1234 AB.</param>
/// <param name="City">Place of residence.</param>
public sealed record LetterAddress(string Name, string Street, string Postcode, string City);

/// <summary>Attributes SVB holds that only the non-discrimination monitor may use.</summary>
/// <param name="Sex">Registered sex.</param>
/// <param name="MunicipalityCode">CBS municipality code, GM followed by four digits.</param>
/// <param name="CountryOfBirth">Country-of-birth category.</param>
public sealed record Demographics(Sex Sex, string MunicipalityCode, CountryOfBirthCategory CountryOfBirth);

/// <summary>
/// One AOW recipient as SVB knows them: one row of the SVB file. A couple of two AOW recipients
/// is two rows with the same household id, each naming the other as partner.
/// </summary>
public sealed class AowRecipient
{
    private AowRecipient()
    {
    }

    public required Bsn Bsn { get; init; }

    /// <summary>SVB's key of the household; equal for both rows of a couple.</summary>
    public required long HouseholdId { get; init; }

    public required HouseholdType HouseholdType { get; init; }

    /// <summary>The partner's BSN; null exactly when the household is single.</summary>
    public required Bsn? PartnerBsn { get; init; }

    public required DateOnly BirthDate { get; init; }

    /// <summary>The first day of the AOW (the day the person reached AOW age).</summary>
    public required DateOnly AowStart { get; init; }

    /// <summary>AOW build-up: 2 percent per insured year in the 50 years before AOW age, so 0–100.</summary>
    public required int BuildUpPercent { get; init; }

    /// <summary>Gross AOW per month excluding holiday allowance, as SVB pays it in the reference month.</summary>
    public required Money GrossAowMonthly { get; init; }

    /// <summary>Net AOW per month excluding holiday allowance, as SVB pays it (after Zvw and wage tax).</summary>
    public required Money NetAowMonthly { get; init; }

    /// <summary>True when the household already receives AIO; such households are not approached.</summary>
    public required bool ReceivesAio { get; init; }

    public required LetterAddress Address { get; init; }

    public required Demographics Demographics { get; init; }

    /// <summary>Validates and builds a recipient; throws <see cref="ArgumentException"/> on inconsistent values.</summary>
    public static AowRecipient Create(
        Bsn bsn,
        long householdId,
        HouseholdType householdType,
        Bsn? partnerBsn,
        DateOnly birthDate,
        DateOnly aowStart,
        int buildUpPercent,
        Money grossAowMonthly,
        Money netAowMonthly,
        bool receivesAio,
        LetterAddress address,
        Demographics demographics)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(demographics);
        var problem = Check(bsn, householdId, householdType, partnerBsn, birthDate, aowStart, buildUpPercent, grossAowMonthly, netAowMonthly, address, demographics);
        if (problem is not null)
        {
            throw new ArgumentException(DataProblems.Message(problem.Value.Problem), problem.Value.Parameter);
        }

        return new AowRecipient
        {
            Bsn = bsn,
            HouseholdId = householdId,
            HouseholdType = householdType,
            PartnerBsn = partnerBsn,
            BirthDate = birthDate,
            AowStart = aowStart,
            BuildUpPercent = buildUpPercent,
            GrossAowMonthly = grossAowMonthly,
            NetAowMonthly = netAowMonthly,
            ReceivesAio = receivesAio,
            Address = address,
            Demographics = demographics,
        };
    }

    /// <summary>The first rule a combination of values breaks, with the parameter it concerns; null when valid.</summary>
    internal static (string Parameter, DataProblem Problem)? Check(
        Bsn bsn,
        long householdId,
        HouseholdType householdType,
        Bsn? partnerBsn,
        DateOnly birthDate,
        DateOnly aowStart,
        int buildUpPercent,
        Money grossAowMonthly,
        Money netAowMonthly,
        LetterAddress address,
        Demographics demographics)
    {
        Debug.Assert(address is not null && demographics is not null);
        if (bsn == default)
        {
            return (nameof(bsn), DataProblem.BsnNotSet);
        }

        if (householdId <= 0)
        {
            return (nameof(householdId), DataProblem.HouseholdIdNotPositive);
        }

        if ((householdType == HouseholdType.Single) != (partnerBsn is null))
        {
            return (nameof(partnerBsn), DataProblem.PartnerBsnDoesNotFitType);
        }

        if (partnerBsn == bsn)
        {
            return (nameof(partnerBsn), DataProblem.OwnPartner);
        }

        if (aowStart <= birthDate)
        {
            return (nameof(aowStart), DataProblem.AowStartNotAfterBirth);
        }

        if (householdType == HouseholdType.CoupleYoungerPartnerWithSupplement && aowStart > HouseholdTypes.LastAowStartWithSupplement)
        {
            return (nameof(aowStart), DataProblem.SupplementWithoutPre2015Aow);
        }

        if (buildUpPercent is < 0 or > 100 || buildUpPercent % 2 != 0)
        {
            return (nameof(buildUpPercent), DataProblem.BuildUpNotEvenPercent);
        }

        if (grossAowMonthly.Cents < 0 || netAowMonthly.Cents < 0 || netAowMonthly > grossAowMonthly)
        {
            return (nameof(netAowMonthly), DataProblem.AowAmountsInconsistent);
        }

        if (demographics.MunicipalityCode.Length != 6 || !demographics.MunicipalityCode.StartsWith("GM", StringComparison.Ordinal) || demographics.MunicipalityCode.AsSpan(2).ContainsAnyExceptInRange('0', '9'))
        {
            return (nameof(demographics), DataProblem.MunicipalityCodeMalformed);
        }

        foreach (var text in new[] { address.Name, address.Street, address.Postcode, address.City })
        {
            if (text.AsSpan().IndexOfAny("\r\n\t") >= 0)
            {
                return (nameof(address), DataProblem.AddressHasControlCharacters);
            }
        }

        return null;
    }
}
