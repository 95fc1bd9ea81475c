using System.CommandLine;

namespace Course.Charts;

/// <summary>The <c>--chart FILE.png</c> option every bench shares.</summary>
public static class ChartOption
{
    public static Option<string?> Create() => new("--chart")
    {
        Description = "Also draw the results as a PNG chart at this path (the docs pages show these)",
    };
}
