using Microsoft.AspNetCore.Components;

namespace SyncDashboard.Components.Shared;

/// <summary>A page's state in its URL's query string (filters, search, sort, page), so a bookmark or a shared link shows the same.</summary>
public static class PageUrl
{
    /// <summary>
    /// Writes <paramref name="query"/> into the current URL (a null value removes its name) when it differs. A merchant's own
    /// change (a filter, a search, a store) adds a history entry, so Back undoes it (<paramref name="addHistoryEntry"/>);
    /// the page's own bookkeeping (the page number after a load) replaces the current entry.
    /// </summary>
    public static void Write(this NavigationManager navigation, IReadOnlyDictionary<string, object?> query, bool addHistoryEntry)
    {
        var uri = navigation.GetUriWithQueryParameters(query);
        if (uri != navigation.Uri)
        {
            navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = !addHistoryEntry });
        }
    }
}
