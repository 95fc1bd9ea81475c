using Course.Testing;

namespace GameLoop.Tests;

/// <summary>
/// The bench, run for a moment through the program as it ships: it must not rot. The figures are not
/// checked against targets (that is the bench's job, on a quiet machine), only that every row is there
/// and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    private const string Rooms = "| players | rooms | loop | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | server CPU | server MiB | bytes/tick |";
    private const string OneRoom = "| one room of 32 | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | p99 vs floor |";

    [Fact]
    public async Task The_bench_measures_both_loops_beside_the_floor_and_one_full_room_and_prints_sane_rows()
    {
        // 40 players: a full room of 32 and a second room of 8, so both rooms' schedules are timed apart.
        await using var bench = RunningProcess.StartCourseProgram("game-loop", "bench", "--clients", "40", "--seconds", "1", "--slices", "1", "--warmup", "0");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(240)));
        string output = bench.StandardOutput;

        List<string[]> rows = BenchTable.Rows(output, Rooms);
        Assert.Equal(["40 2 timer", "40 2 sleep-after-tick", "40 2 floor"], rows.Select(r => $"{r[0]} {r[1]} {r[2]}"));
        foreach (string[] row in rows)
        {
            string shown = string.Join(" | ", row);
            // Lateness is measured from the best arrival of each room, so 0 is possible; negative is not.
            BenchTable.AssertPercentiles(row, 3, 4, zeroAllowed: true);
            // 1 s at 20 ticks a second, 40 players: about 800 states.
            Assert.True(BenchTable.Number(row[7]) >= 200, $"too few samples: {shown}");
            Assert.False(double.IsNaN(BenchTable.Number(row[8])), $"no drift: {shown}");
            Assert.True(BenchTable.Number(row[10]) > 0, $"no memory: {shown}");
            Assert.True(BenchTable.Number(row[11]) > 0, $"no bytes: {shown}");
        }

        List<string[]> room = BenchTable.Rows(output, OneRoom);
        Assert.Equal(["floor", "server, timer loop"], room.Select(r => r[0]));
        foreach (string[] row in room)
        {
            BenchTable.AssertPercentiles(row, 1, 4, zeroAllowed: true);
            Assert.True(BenchTable.Number(row[5]) >= 100, $"too few samples: {string.Join(" | ", row)}");
        }
        Assert.Equal("(floor)", room[0][7]);
        Assert.False(double.IsNaN(BenchTable.Number(room[1][7])), "the server's p99 must be a ratio to the floor's");

        Assert.Contains("load average", output);
        Assert.Contains("at the end", output);
        // The floor's bytes are the timer loop's: the same state to the same players.
        Assert.Equal(BenchTable.Number(rows[0][11]), BenchTable.Number(rows[2][11]), 0.25 * BenchTable.Number(rows[0][11]));
        // One warm-up note per slice: two loops and the floor, then the room and its floor.
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("warm-up: ", StringComparison.Ordinal)));
    }
}
