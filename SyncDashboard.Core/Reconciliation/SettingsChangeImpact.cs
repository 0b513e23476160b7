using SyncDashboard.Core.Connections;

namespace SyncDashboard.Core.Reconciliation;

/// <summary>What saving a Source's settings would do to Destination products at once (see <see cref="ISettingsChangePreview"/>).</summary>
/// <param name="CopiesDeleted">Titles of the synced copies the new policy deletes now (their Source product is draft or archived).</param>
/// <param name="CopiesSetToDraft">Titles of the Destination products the new policy sets to draft now.</param>
/// <param name="MappedFieldsTurnedOn">Fields that start to flow to mapped listings.</param>
/// <param name="MappedListings">How many mapped listings those fields would overwrite.</param>
public sealed record SettingsChangeImpact(
    IReadOnlyList<string> CopiesDeleted,
    IReadOnlyList<string> CopiesSetToDraft,
    ProductFieldSync MappedFieldsTurnedOn,
    int MappedListings)
{
    public static SettingsChangeImpact None { get; } = new([], [], ProductFieldSync.None, 0);

    /// <summary>Titles of the Destination products the current setting set to draft that the new one no longer drafts: they get their status back now.</summary>
    public IReadOnlyList<string> ListingsRestored { get; init; } = [];

    /// <summary>Whether the save changes Destination products in a way the merchant should confirm.</summary>
    public bool NeedsConfirmation => Consequences().Count > 0;

    /// <summary>Each consequence in a sentence, for the confirmation.</summary>
    public IReadOnlyList<string> Consequences()
    {
        var lines = new List<string>();
        if (CopiesDeleted.Count > 0)
        {
            lines.Add($"{Count(CopiesDeleted.Count, "synced copy", "synced copies")} will be deleted from the Destination now, because the Source product " +
                $"is draft or archived: {Titles(CopiesDeleted)}. This cannot be undone.");
        }
        if (CopiesSetToDraft.Count > 0)
        {
            lines.Add($"{Count(CopiesSetToDraft.Count, "Destination product", "Destination products")} will be set to draft now, because the Source product " +
                $"is draft or archived: {Titles(CopiesSetToDraft)}.");
        }
        if (ListingsRestored.Count > 0)
        {
            lines.Add($"{Count(ListingsRestored.Count, "Destination product", "Destination products")} set to draft by the current setting will get their " +
                $"status back now (their stock stays 0 while the Source product is not active): {Titles(ListingsRestored)}.");
        }
        if (MappedFieldsTurnedOn != ProductFieldSync.None && MappedListings > 0)
        {
            var fields = SourceSettings.FieldNames(MappedFieldsTurnedOn);
            var named = fields.Count == 1 ? fields[0] : $"{string.Join(", ", fields.Take(fields.Count - 1))} and {fields[^1]}";
            lines.Add($"The {named} of {Count(MappedListings, "mapped listing", "mapped listings")} (your own listings) " +
                "will be overwritten with the Source's.");
        }
        return lines;
    }

    private static string Count(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count:N0} {many}";

    private static string Titles(IReadOnlyList<string> titles) =>
        string.Join(", ", titles.Take(5).Select(t => $"\"{t}\"")) + (titles.Count > 5 ? $" and {titles.Count - 5:N0} more" : "");
}
