using System.Globalization;
using System.Text.RegularExpressions;
using Course.Testing;

namespace Serializer.Tests;

/// <summary>
/// The bench as a user runs it, shortened to a fraction of a second per variant, so that it cannot rot:
/// its table keeps its shape and its figures stay sane (positive, p50 at most p99, MessagePack the
/// baseline). It claims nothing about speed: figures depend on the machine, and live in the recorded
/// runs under docs/measurements, never in a test.
/// </summary>
public sealed partial class BenchTests
{
    private static readonly string[] Formats = ["pickle (this chapter)", "MessagePack 2.5.307", "System.Text.Json (source-gen)"];
    private const string Baseline = "MessagePack 2.5.307";

    [GeneratedRegex(@"^(?<format>.+?)\s+(?<bytes>[\d,]+)\s+(?<ratio>[\d.]+)x$")]
    private static partial Regex SizeRow();

    [GeneratedRegex(@"^(?<operation>encode|decode)\s+(?<format>.+?)\s+(?<samples>\d+)\s+(?<p50>[\d,.]+)\s+(?<p99>[\d,.]+)\s+(?<ratio>[\d.]+)x$")]
    private static partial Regex TimeRow();

    [Fact]
    public async Task A_short_bench_prints_its_whole_table_with_sane_figures()
    {
        await using RunningProcess bench = RunningProcess.StartCourseProgram("serializer", "bench", "--seconds", "0.2");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        string[] lines = bench.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // Where the figures come from: the command, the machine, how busy it was before and after.
        Assert.Matches(@"^# dotnet run (-c Release )?--project chapters/03-serializer -- bench --seconds 0\.2$", lines[0]);
        Assert.Matches(@"^# measured \d{4}-\d\d-\d\d \d\d:\d\d UTC on \d+ CPU cores, ", lines[1]);
        Assert.Matches(@"^# load average (\d+\.\d+ \d+\.\d+ \d+\.\d+|unknown.*) at the start$", lines[2]);
        Assert.Matches(@"^# load average (\d+\.\d+ \d+\.\d+ \d+\.\d+|unknown.*) at the end$", lines[^1]);
        Assert.Single(lines, l => l.StartsWith("Warm-up: ", StringComparison.Ordinal));

        // Sizes: one row per format, MessagePack the baseline. A variant you add (exercise 4 adds one) gets
        // a row of its own: the three formats must be there, in this order, among the rows.
        var sizes = lines.SkipWhile(l => !l.StartsWith("format ", StringComparison.Ordinal)).Skip(1)
            .Select(l => SizeRow().Match(l)).TakeWhile(m => m.Success).ToList();
        string[] formats = [.. sizes.Select(m => m.Groups["format"].Value)];
        Assert.Equal(Formats, formats.Intersect(Formats));
        Assert.All(sizes, m => Assert.True(Number(m, "bytes") > 0));
        Assert.Equal(1.0, Number(sizes[Array.IndexOf(formats, Baseline)], "ratio"));

        // Times: an encode row per format, then a decode row per format, each with 0.2 s / 20 ms = 10 samples.
        Assert.Single(lines, l => Regex.IsMatch(l, @"^operation\s+format\s+samples\s+p50 µs\s+p99 µs\s+p50 vs MP$"));
        var rows = lines.Select(l => TimeRow().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal([.. formats.Select(_ => "encode"), .. formats.Select(_ => "decode")], rows.Select(m => m.Groups["operation"].Value));
        Assert.Equal([.. formats, .. formats], rows.Select(m => m.Groups["format"].Value));
        foreach (Match row in rows)
        {
            Assert.Equal(10, Number(row, "samples"));
            Assert.True(Number(row, "p50") > 0, row.Value);
            Assert.True(Number(row, "p50") <= Number(row, "p99"), row.Value);
            Assert.True(Number(row, "ratio") > 0, row.Value);
        }
        Assert.Equal(1.0, Number(rows[Array.IndexOf(formats, Baseline)], "ratio"));
        Assert.Equal(1.0, Number(rows[formats.Length + Array.IndexOf(formats, Baseline)], "ratio"));
    }

    private static double Number(Match match, string group) =>
        double.Parse(match.Groups[group].Value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
