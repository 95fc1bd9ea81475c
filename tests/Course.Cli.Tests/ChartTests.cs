using System.Buffers.Binary;
using Course.Charts;
using Course.Testing;

namespace Course.Cli.Tests;

/// <summary>
/// A bench's figures travel as a file from the bench to the chart program (shared/Course.Charts), which
/// draws the PNG a docs page shows. .ci/measure does that for real; here, with made-up figures.
/// </summary>
public sealed class ChartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("course-charts-").FullName;

    [Fact]
    public void Figures_written_by_a_bench_come_back_whole_even_where_nothing_was_measured()
    {
        string file = Path.Combine(_folder, "figures.json");
        BenchChart.Bars(file, "Median round trip (log scale)", "message size", ["32 B", "4 KiB"], "p50 (µs)",
            [new Series("floor", [23.0, 23.8]), new Series("seed", [44_090.1, double.NaN])], logScale: true);

        ChartFigures back = ChartFigures.Read(file);
        Assert.Equal((ChartKind.Bars, "p50 (µs)", true), (back.Kind, back.ValueLabel, back.LogScale));
        Assert.Equal(["32 B", "4 KiB"], back.Categories);
        Assert.Equal([44_090.1, double.NaN], back.Series[1].Values);
        Assert.Contains("(µs)", File.ReadAllText(file)); // readable as written, not \u00B5
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_chart_program_draws_lines_and_bars_as_a_900_by_480_png(bool logScale)
    {
        string file = Path.Combine(_folder, "figures.json"), png = Path.Combine(_folder, "chart.png");
        BenchChart.Lines(file, "Fan-out p99", "clients", ["100", "1,000"], "p99 (ms)",
            [new Series("threads", [3.84, 471.5]), new Series("async", [3.04, 33.7])], logScale);

        ChartDrawing.Draw(ChartFigures.Read(file), png);

        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16))); // IHDR: width, then height
        Assert.Equal(480, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public async Task A_file_that_holds_no_figures_is_one_line()
    {
        string file = Path.Combine(_folder, "not-figures.json");
        await File.WriteAllTextAsync(file, "round trips: 22 per second");
        await using var charts = RunningProcess.StartCourseProgram("course-charts", "draw", file, Path.Combine(_folder, "x.png"));
        Assert.Equal(ExitCodes.Usage, await charts.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith($"error: {file} is not a chart figures file: ", charts.StandardError);
        Assert.Single(charts.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
