using MudBlazor;

namespace SyncDashboard.Components.Layout;

/// <summary>The dashboard's light and dark palettes.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2E5BFF",
            Secondary = "#00A881",
            AppbarBackground = "#1F2A44",
            Background = "#F6F7FB",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7B9BFF",
            Secondary = "#38D6AE",
            AppbarBackground = "#151B2C",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
