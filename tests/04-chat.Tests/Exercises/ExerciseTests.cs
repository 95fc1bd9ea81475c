using System.Text.RegularExpressions;

namespace Chat.Tests;

/// <summary>
/// The chapter's exercises, as tests that fail until the exercise is done. To start an exercise, delete
/// the <c>Skip = ...</c> of its test and run <c>dotnet test tests/04-chat.Tests --filter Exercise</c>.
/// Each compares everything a client receives, up to a <c>/ping</c> it sent last (the server answers
/// pings in order, after every earlier line), with what the page promises: nothing missing, nothing more,
/// in that order. So a test fails at once while the work is not done, and says what it expected.
/// </summary>
public sealed partial class ExerciseTests
{
    [Fact(Skip = "Exercise 1 (history for late joiners): delete this Skip when you start the exercise")]
    public async Task Exercise1_a_late_joiner_sees_the_last_messages()
    {
        await using var server = await Servers.Start();
        RawClient[] clients = await RawClient.ConnectManyAsync(server.EndPoint, 2);
        var (alice, bob) = (clients[0], clients[1]);
        await alice.SendAsync("message 1");
        await alice.SendAsync("message 2");
        await alice.SyncAsync();
        await bob.SendAsync("hello from bob");
        await bob.SyncAsync();
        await alice.SendAsync("message 3");
        await alice.SyncAsync();
        // None of these is a message: an action, a rename, a private message.
        await bob.SendAsync("/me waves");
        await bob.SendAsync("/nick bobby");
        await bob.SendAsync("/msg guest1 psst");
        await bob.SyncAsync();

        // The last three messages, as they were sent (bob was guest2 then), right after the welcome.
        await using var carol = await RawClient.ConnectAsync(server.EndPoint);
        Same(["<guest1> message 2", "<guest2> hello from bob", "<guest1> message 3"], await carol.SyncAsync(),
            "a late joiner's lines after its welcome: the last three messages, oldest first, as first sent, and nothing else");

        // Nothing twice and nothing lost: while alice talks fast, forty newcomers get a few messages as
        // history and the rest live, one after the other, whenever they join. (Forty, because a join that
        // races a message is rare: each newcomer is one more chance to catch it.)
        var quick = Servers.Options() with { MessagesPerSecond = 1_000_000, Burst = 1_000_000, OutboxCapacity = 100_000 };
        await using var busy = await Servers.Start(quick);
        await using var talker = await RawClient.ConnectAsync(busy.EndPoint);
        using var joined = new CancellationTokenSource();
        Task<int> talking = Task.Run(async () =>
        {
            // Talks for as long as newcomers arrive (a line about every 0.1 ms), then says one line more.
            int said = 0;
            while (!joined.IsCancellationRequested && said < 20_000)
            {
                await talker.SendAsync($"line {++said}");
                if (said % 10 == 0) await Task.Delay(1);
            }
            await talker.SendAsync($"line {++said}");
            return said;
        });
        var joiners = new List<RawClient>();
        try
        {
            for (int j = 0; j < 40; j++) joiners.Add(await RawClient.ConnectAsync(busy.EndPoint));
            joined.Cancel();
            int last = await talking;
            foreach (RawClient joiner in joiners)
            {
                List<string> heard = await joiner.WaitForAsync(l => l == $"<guest1> line {last}");
                int[] numbers = [.. heard.Select(l => LineNumber().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value))];
                bool consecutive = numbers.Length > 0 && numbers.Zip(numbers.Skip(1)).All(pair => pair.Second == pair.First + 1);
                Assert.True(consecutive && numbers[^1] == last,
                    $"a client who joined while alice talked should hear each of her lines once, in order, up to line {last} " +
                    $"(the first ones as history, the rest live); it heard {Runs(numbers)}");
            }
        }
        finally
        {
            foreach (RawClient joiner in joiners) await joiner.DisposeAsync();
        }
    }

    [Fact(Skip = "Exercise 2 (channels with /join): delete this Skip when you start the exercise")]
    public async Task Exercise2_messages_stay_in_their_channel()
    {
        await using var server = await Servers.Start();
        RawClient[] clients = await RawClient.ConnectManyAsync(server.EndPoint, 3);
        var (alice, bob, carol) = (clients[0], clients[1], clients[2]);

        // Moving: the answer to the mover, a notice to the channel it leaves and to the channel it enters.
        await alice.SendAsync("/join games");
        Same(["* you are now in #games"], await alice.SyncAsync(), "alice's answer to /join games");
        Same(["* guest1 left (went to #games)"], await bob.SyncAsync(), "what #lobby hears when alice leaves it");
        await carol.SyncAsync();
        await carol.SendAsync("/join #games");
        Same(["* you are now in #games"], await carol.SyncAsync(), "carol's answer to /join #games (the # is optional)");
        Same(["* guest3 joined"], await alice.SyncAsync(), "what #games hears when carol comes in");
        Same(["* guest3 left (went to #games)"], await bob.SyncAsync(), "what #lobby hears when carol leaves it");

        // Messages, actions and /who stay in their channel.
        await alice.SendAsync("anyone for chess?");
        await alice.SyncAsync();
        await carol.SendAsync("/me nods");
        Same(["<guest1> anyone for chess?", "* guest3 nods"], await carol.SyncAsync(), "carol hears #games: alice's message, then her own action");
        Same(["* guest3 nods"], await alice.SyncAsync(), "alice hears carol's action");
        Same([], await bob.SyncAsync(), "bob, alone in #lobby, hears nothing from #games");
        await carol.SendAsync("/who");
        Same(["* 2 here: guest1, guest3"], await carol.SyncAsync(), "/who in #games");
        await bob.SendAsync("/who");
        Same(["* 1 here: guest2"], await bob.SyncAsync(), "/who in #lobby");

        // And back: alice hears #lobby again, and #games no more.
        await alice.SendAsync("/join lobby");
        Same(["* you are now in #lobby"], await alice.SyncAsync(), "alice's answer to /join lobby");
        Same(["* guest1 joined"], await bob.SyncAsync(), "what #lobby hears when alice comes back");
        await carol.SendAsync("still here?");
        await bob.SendAsync("welcome back");
        await carol.SyncAsync();
        await bob.SyncAsync();
        Same(["<guest2> welcome back"], await alice.SyncAsync(), "alice, back in #lobby, hears bob and not carol");
        foreach (RawClient c in clients) await c.DisposeAsync();
    }

    [Fact(Skip = "Exercise 3 (an operator's /kick): delete this Skip when you start the exercise")]
    public async Task Exercise3_the_operator_can_kick()
    {
        await using var server = await Servers.Start();
        RawClient[] clients = await RawClient.ConnectManyAsync(server.EndPoint, 4);
        var (op, bob, carol) = (clients[0], clients[1], clients[2]); // clients[3] (guest4) only listens

        await bob.SendAsync("/kick guest3");
        Same(["! only the operator can kick"], await bob.SyncAsync(), "bob (not the first to join) trying to kick");
        await op.SendAsync("/kick zed");
        Same(["! nobody here is called zed"], await op.SyncAsync(), "the operator kicking a nickname nobody has");

        // The operator is a client, not a name: renamed, it is still the operator. The kicked client's last
        // line says why, then its connection ends; everyone else hears it.
        await op.SendAsync("/nick boss");
        await op.SyncAsync();
        await op.SendAsync("/kick guest2");
        Same(["* guest1 is now boss", "! you were kicked by boss"], await bob.RestUntilClosedAsync(), "bob's last lines before the server closes his connection");
        Same(["* guest1 is now boss", "* guest2 left (kicked by boss)"], await carol.SyncAsync(), "what the others hear");
        Same(["* guest2 left (kicked by boss)"], await op.SyncAsync(), "what the operator hears");
        await carol.SendAsync("/who");
        Same(["* 3 here: boss, guest3, guest4"], await carol.SyncAsync(), "/who after the kick");

        // The operator's power goes with the operator: nobody inherits it, not the next to have joined,
        // and not whoever takes its first name.
        await op.SendAsync("/quit");
        await op.RestUntilClosedAsync();
        await carol.SyncAsync();
        await carol.SendAsync("/nick guest1");
        await carol.SyncAsync();
        await carol.SendAsync("/kick guest4");
        Same(["! only the operator can kick"], await carol.SyncAsync(), "carol (the earliest to join of those left) trying to kick once the operator has left");
        foreach (RawClient c in clients) await c.DisposeAsync();
    }

    /// <summary>1, 2, 3, 5, 6 as "1-3, 5-6": a gap or a repeat shows at a glance.</summary>
    private static string Runs(int[] numbers)
    {
        var runs = new List<string>();
        for (int i = 0; i < numbers.Length;)
        {
            int j = i;
            while (j + 1 < numbers.Length && numbers[j + 1] == numbers[j] + 1) j++;
            runs.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", runs);
    }

    private static void Same(string[] expected, List<string> actual, string what) =>
        Assert.True(expected.SequenceEqual(actual),
            $"{what}: expected [{string.Join(" | ", expected)}]; got [{string.Join(" | ", actual)}]");

    [GeneratedRegex(@"^<guest1> line (\d+)$")]
    private static partial Regex LineNumber();
}
