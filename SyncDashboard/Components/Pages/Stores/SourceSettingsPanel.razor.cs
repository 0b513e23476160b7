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

    /// <summary>Shown but not editable (a Viewer's: settings are an Operator's or the Owner's).</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Why the last save was refused (shown under the settings).</summary>
    [Parameter] public IReadOnlyList<string> Problems { get; set; } = [];

    /// <summary>
    /// Raised when the settings become unsaved or saved again (true: changes not saved), so the page can warn before it is
    /// left: the browser's own warning on a reload or close has to be switched on before the merchant leaves.
    /// </summary>
    [Parameter] public EventCallback<bool> UnsavedChanged { get; set; }

    private bool _unsaved;

    /// <summary>Every edit renders the panel again: tell the page when that made the settings unsaved, or saved again.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Model.IsDirty != _unsaved)
        {
            _unsaved = Model.IsDirty;
            await UnsavedChanged.InvokeAsync(_unsaved);
        }
    }

    private string? MarkupProblem => Model.MarkupInputProblem ?? Model.Rule.MarkupProblem;

    private string? FixedAmountProblem => Model.FixedAmountInputProblem ?? Model.Rule.FixedAmountProblem;

    private static ProductFieldSync Toggle(ProductFieldSync fields, ProductFieldSync field, bool on) => on ? fields | field : fields & ~field;
}

/// <summary>A Source's settings as the panel edits them (a view model, never the connection entity).</summary>
public sealed class SourceSettingsModel
{
    public SourceSettingsModel(SourceSettings settings)
    {
        SyncedFields = settings.SyncedFields;
        MappedFields = settings.MappedFields;
        MarkupText = NumberInput.Format(settings.PriceRule.MarkupPercent);
        FixedAmountText = NumberInput.Format(settings.PriceRule.FixedAmount);
        Rounding = settings.PriceRule.Rounding;
        CompareAt = settings.PriceRule.CompareAt;
        LocationId = settings.LocationId;
        DeletePolicy = settings.DeletePolicy;
        Saved = ToSettings();
    }

    public ProductFieldSync SyncedFields { get; set; }
    public ProductFieldSync MappedFields { get; set; }
    /// <summary>The markup as typed ("12.5" or "12,5"); see <see cref="NumberInput"/>.</summary>
    public string MarkupText { get; set; }

    /// <summary>The fixed amount as typed.</summary>
    public string FixedAmountText { get; set; }

    public decimal MarkupPercent => NumberInput.TryParse(MarkupText, out var value, out _) ? value : Saved.PriceRule.MarkupPercent;
    public decimal FixedAmount => NumberInput.TryParse(FixedAmountText, out var value, out _) ? value : Saved.PriceRule.FixedAmount;

    /// <summary>Why the typed markup is not a number (null when it is).</summary>
    public string? MarkupInputProblem => NumberInput.TryParse(MarkupText, out _, out var problem) ? null : problem;

    /// <summary>Why the typed fixed amount is not a number (null when it is).</summary>
    public string? FixedAmountInputProblem => NumberInput.TryParse(FixedAmountText, out _, out var problem) ? null : problem;
    public PriceRounding Rounding { get; set; }
    public CompareAtPriceMode CompareAt { get; set; }
    public long? LocationId { get; set; }
    public SourceDeletePolicy DeletePolicy { get; set; }

    /// <summary>The settings as last loaded or saved.</summary>
    public SourceSettings Saved { get; private set; }

    public PriceRule Rule => new(MarkupPercent, FixedAmount, Rounding, CompareAt);

    /// <summary>
    /// Whether anything was changed since the last save, a number typed that cannot be read ("17%", empty) included: it is
    /// not saved, but leaving the page would drop it unseen.
    /// </summary>
    public bool IsDirty => ToSettings() != Saved || MarkupInputProblem is not null || FixedAmountInputProblem is not null;

    public SourceSettings ToSettings() => new(SyncedFields, MappedFields, Rule, LocationId, DeletePolicy);

    /// <summary>Every reason the settings cannot be saved as typed (empty when they can).</summary>
    public IReadOnlyList<string> Problems() =>
        [.. new[] { MarkupInputProblem, FixedAmountInputProblem }.OfType<string>(), .. ToSettings().Validate()];

    public void MarkSaved() => Saved = ToSettings();
}
