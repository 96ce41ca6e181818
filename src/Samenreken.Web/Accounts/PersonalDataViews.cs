using Samenreken.Storage;

namespace Samenreken.Web.Accounts;

/// <summary>One view of a page with personal data: who, in which role, which page, and its subject (a run id, never a BSN).</summary>
public sealed record PersonalDataView(DateTimeOffset At, string UserName, string Role, string Page, string Subject);

/// <summary>
/// Where every view of personal data is recorded before the page is sent. A node may register its own (its audit
/// chain); the default writes to the node database. An exception aborts the page: no record, no personal data.
/// </summary>
public interface IPersonalDataViewAudit
{
    void Record(PersonalDataView view);
}

/// <summary>The default: a row per view in the node database (<see cref="WebAccountStore.RecordView"/>).</summary>
internal sealed class DatabasePersonalDataViewAudit(WebAccountStore store) : IPersonalDataViewAudit
{
    public void Record(PersonalDataView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        store.RecordView(new PageViewRecord(view.At.ToUnixTimeSeconds(), view.UserName, view.Role, view.Page, view.Subject));
    }
}
