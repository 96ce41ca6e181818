namespace Samenreken.Domain;

/// <summary>
/// Why a value, a row or a whole file was refused. A code, not a text: the message is made from it in one
/// place (<see cref="DataProblems.Message"/>) and never holds the refused value, because a BSN or an amount
/// must not reach a log or a terminal (issue 12).
/// </summary>
public enum DataProblem
{
    // Whole file
    EmptyFile,
    WrongHeader,
    MissingTrailer,
    MalformedTrailer,
    RowAfterTrailer,
    RowCountMismatch,
    ChecksumMismatch,
    TooManyBadRows,

    // Row shape
    BrokenQuoting,
    WrongFieldCount,

    // Field values
    NotABsn,
    NotAnAmount,
    NotADate,
    NumberOutOfRange,
    NotTrueOrFalse,
    UnknownCode,

    // Rules of one record
    BsnNotSet,
    HouseholdIdNotPositive,
    PartnerBsnDoesNotFitType,
    OwnPartner,
    AowStartNotAfterBirth,
    BuildUpNotEvenPercent,
    AowAmountsInconsistent,
    MunicipalityCodeMalformed,
    AddressHasControlCharacters,
    PayerIdMalformed,
    IkvNotPositive,
    NotACurrentIncomeCode,
    PeriodDoesNotFitPayPeriod,
    VersionNotPositive,

    // Rules across rows
    DuplicateBsn,
    DuplicateStatement,
    PersonNotAdjacent,
    HouseholdNotAdjacent,
    HouseholdLostAMember,
    HouseholdWithoutRecipient,
    HouseholdRowsDisagree,
    HouseholdWrongRecipientCount,
    PartnersDoNotNameEachOther,

    // Rules of one record, added later (appended so that no code changes its number)
    SupplementWithoutPre2015Aow,
}

/// <summary>The one place where a <see cref="DataProblem"/> becomes a sentence.</summary>
public static class DataProblems
{
    /// <summary>A short explanation of the rule that was broken; never contains the refused value.</summary>
    public static string Message(DataProblem problem) => problem switch
    {
        DataProblem.EmptyFile => "the file is empty; expected a header row",
        DataProblem.WrongHeader => "the header row is missing or names other columns than the documented ones",
        DataProblem.MissingTrailer => "the file declares a row count and checksum trailer but ends without one: it is truncated",
        DataProblem.MalformedTrailer => "the trailer is not '#end rows=N sha256=HEX'",
        DataProblem.RowAfterTrailer => "a row follows the trailer: the file was changed after it was written",
        DataProblem.RowCountMismatch => "the number of rows differs from the trailer's count: the file is truncated or changed",
        DataProblem.ChecksumMismatch => "the checksum differs from the trailer's: the file is damaged or changed",
        DataProblem.TooManyBadRows => "more rows are bad than the allowed share",
        DataProblem.BrokenQuoting => "broken quoting",
        DataProblem.WrongFieldCount => "wrong number of fields",
        DataProblem.NotABsn => "not a valid BSN (9 digits, 11-test)",
        DataProblem.NotAnAmount => "not an amount in euros with at most two decimals",
        DataProblem.NotADate => "not a date yyyy-MM-dd",
        DataProblem.NumberOutOfRange => "not a whole number in the allowed range",
        DataProblem.NotTrueOrFalse => "not true or false",
        DataProblem.UnknownCode => "not one of the documented codes",
        DataProblem.BsnNotSet => "the BSN is not set",
        DataProblem.HouseholdIdNotPositive => "a household id is positive",
        DataProblem.PartnerBsnDoesNotFitType => "a partner BSN is given exactly when the household is a couple",
        DataProblem.OwnPartner => "a person is not their own partner",
        DataProblem.AowStartNotAfterBirth => "the AOW starts after birth",
        DataProblem.BuildUpNotEvenPercent => "build-up is 2 percent per insured year: an even number from 0 to 100",
        DataProblem.AowAmountsInconsistent => "AOW amounts are non-negative and net does not exceed gross",
        DataProblem.MunicipalityCodeMalformed => "a municipality code is GM and four digits",
        DataProblem.AddressHasControlCharacters => "address lines hold no line breaks or tabs",
        DataProblem.PayerIdMalformed => "not a loonheffingennummer (9 digits, L, 2 digits)",
        DataProblem.IkvNotPositive => "an IKV number is positive",
        DataProblem.NotACurrentIncomeCode => "not a current income code (SrtIV)",
        DataProblem.PeriodDoesNotFitPayPeriod => "the period does not fit the pay period",
        DataProblem.VersionNotPositive => "a version is 1 or higher",
        DataProblem.DuplicateBsn => "the BSN appears on an earlier row",
        DataProblem.DuplicateStatement => "the statement key (payer, IKV, period, version) appears on an earlier row",
        DataProblem.PersonNotAdjacent => "the person appeared earlier; the rows of a person must be adjacent",
        DataProblem.HouseholdNotAdjacent => "the household appeared earlier; the rows of a household must be adjacent",
        DataProblem.HouseholdLostAMember => "the household is skipped because one of its rows is bad",
        DataProblem.HouseholdWithoutRecipient => "a household has at least one AOW recipient",
        DataProblem.HouseholdRowsDisagree => "the rows of a household share household id and type",
        DataProblem.HouseholdWrongRecipientCount => "the number of AOW recipient rows does not fit the household type",
        DataProblem.PartnersDoNotNameEachOther => "the two recipients of a couple do not name each other as partner",
        DataProblem.SupplementWithoutPre2015Aow => "the partner supplement (toeslag) is paid only on an AOW that started before 2015",
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };
}
