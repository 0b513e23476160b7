using Microsoft.AspNetCore.Components;
using SyncDashboard.Core.Connections;
using SyncDashboard.Core.Stores;

namespace SyncDashboard.Components.Pages.Stores;

/// <summary>The settings of one Source, edited in place; the page saves them with <see cref="SourceSettingsModel.ToSettings"/>.</summary>
public sealed partial class SourceSettingsPanel
{
    private static readonly (ProductFieldSync Field, string Label)[] Fields =
    [
        (ProductFieldSync.Title, "Title"),
        (ProductFieldSync.Description, "Description"),
        (ProductFieldSync.Tags, "Tags"),
        (ProductFieldSync.Images, "Images"),
        (ProductFieldSync.Vendor, "Vendor"),
        (ProductFieldSync.ProductType, "Type"),
        (ProductFieldSync.Prices, "Prices"),
    ];

    [Parameter, EditorRequired] public required SourceSettingsModel Model { get; set; }

    /// <summary>The Source's locations, for "Stock that counts".</summary>
    [Parameter] public IReadOnlyList<StoreLocation> Locations { get; set; } = [];

    /// <summary>Why the last save was refused (shown under the settings).</summary>
    [Parameter] public IReadOnlyList<string> Problems { get; set; } = [];

    private string? MarkupProblem => Model.Rule.MarkupProblem;

    private string? FixedAmountProblem => Model.Rule.FixedAmountProblem;

    private static ProductFieldSync Toggle(ProductFieldSync fields, ProductFieldSync field, bool on) => on ? fields | field : fields & ~field;
}

/// <summary>A Source's settings as the panel edits them (a view model, never the connection entity).</summary>
public sealed class SourceSettingsModel
{
    public SourceSettingsModel(SourceSettings settings)
    {
        SyncedFields = settings.SyncedFields;
        MappedFields = settings.MappedFields;
        MarkupPercent = settings.PriceRule.MarkupPercent;
        FixedAmount = settings.PriceRule.FixedAmount;
        Rounding = settings.PriceRule.Rounding;
        CompareAt = settings.PriceRule.CompareAt;
        LocationId = settings.LocationId;
        DeletePolicy = settings.DeletePolicy;
        Saved = ToSettings();
    }

    public ProductFieldSync SyncedFields { get; set; }
    public ProductFieldSync MappedFields { get; set; }
    public decimal MarkupPercent { get; set; }
    public decimal FixedAmount { get; set; }
    public PriceRounding Rounding { get; set; }
    public CompareAtPriceMode CompareAt { get; set; }
    public long? LocationId { get; set; }
    public SourceDeletePolicy DeletePolicy { get; set; }

    /// <summary>The settings as last loaded or saved.</summary>
    public SourceSettings Saved { get; private set; }

    public PriceRule Rule => new(MarkupPercent, FixedAmount, Rounding, CompareAt);

    /// <summary>Whether anything was changed since the last save.</summary>
    public bool IsDirty => ToSettings() != Saved;

    public SourceSettings ToSettings() => new(SyncedFields, MappedFields, Rule, LocationId, DeletePolicy);

    public void MarkSaved() => Saved = ToSettings();
}
