using System.CommandLine;

namespace Course.Cli;

/// <summary>The <c>--chart-data FILE</c> option every bench shares.</summary>
public static class ChartOption
{
    public static Option<string?> Create() => new("--chart-data")
    {
        Description = "Also write the figures for a chart to this file (JSON); "
                      + "`dotnet run --project shared/Course.Charts -- draw FILE CHART.png` draws it (the docs pages show these)",
    };
}
