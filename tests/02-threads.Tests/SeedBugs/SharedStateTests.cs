namespace Dots.Tests.SeedBugs;

/// <summary>
/// Seed bug 2: a dictionary shared by threads without a lock. The seed's relay iterated its client table
/// while the accept loop added to it. Thread timing makes that rare and random; here the same two steps
/// are made to happen in the unlucky order on purpose, so the failure is certain.
/// </summary>
public sealed class SharedStateTests
{
    [Fact]
    public void Adding_while_another_loop_iterates_breaks_the_iteration()
    {
        var clients = new Dictionary<int, string> { [1] = "player 1", [2] = "player 2" };
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var client in clients) // the relay, sending to everyone...
                clients[3] = "player 3";    // ...when the accept loop adds a newcomer
        });
        Assert.Contains("Collection was modified", error.Message);
    }

    [Fact]
    public void The_player_table_hands_out_copies_so_iterating_is_safe()
    {
        var table = new PlayerTable(new Board());
        table.Add(1);
        table.Add(2);
        int next = 3;
        foreach (var _ in table.Snapshot()) table.Add(next++); // the copy does not change under us
        Assert.Equal(4, table.Count);
    }

    [Fact]
    public void Many_threads_moving_through_the_lock_lose_no_step()
    {
        // Without the lock, two threads can read the same old position and one step is lost (and the
        // dictionary itself can be corrupted). With it, 8 threads x 10,000 steps land exactly.
        var table = new PlayerTable(new Board(Width: 100_000, Height: 10));
        table.Add(1);
        Position start = table.Find(1)!.Value;
        Parallel.For(0, 8, _ => { for (int i = 0; i < 10_000; i++) table.Move(1, 1, 0); });
        Assert.Equal(start with { X = start.X + 80_000 }, table.Find(1));
    }
}
