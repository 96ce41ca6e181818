namespace Samenreken.Web.Accounts;

/// <summary>
/// The roles of the web interface. Only the pilot team sees names, addresses or BSNs; the privacy officer, the
/// equal-treatment reviewer and the auditor see aggregates and audit entries; the UWV operator sees what UWV served.
/// </summary>
public static class WebRoles
{
    public const string PilotTeam = "pilot-team";

    public const string PrivacyOfficer = "privacy-officer";

    public const string Reviewer = "reviewer";

    public const string Auditor = "auditor";

    public const string UwvOperator = "uwv-operator";

    /// <summary>Every role, as <c>samenreken users add --role</c> accepts it.</summary>
    public static readonly IReadOnlyList<string> All = [PilotTeam, PrivacyOfficer, Reviewer, Auditor, UwvOperator];

    /// <summary>The roles that may open SVB's pages of aggregates (the run dashboard and summaries).</summary>
    public const string SvbAggregates = PilotTeam + "," + PrivacyOfficer + "," + Reviewer + "," + Auditor;

    /// <summary>The roles that may open UWV's operator view.</summary>
    public const string UwvView = UwvOperator + "," + PrivacyOfficer + "," + Auditor;

    /// <summary>The roles that may check a node's audit trail (its page shows counts and hashes only).</summary>
    public const string AuditCheck = PrivacyOfficer + "," + Auditor + "," + UwvOperator;

    /// <summary>The roles that may see the pilot store's retention status (dates and categories, no personal data).</summary>
    public const string RetentionView = PilotTeam + "," + PrivacyOfficer + "," + Auditor;

    /// <summary>The roles that see personal data (names, addresses, BSNs).</summary>
    public const string PersonalData = PilotTeam;
}
