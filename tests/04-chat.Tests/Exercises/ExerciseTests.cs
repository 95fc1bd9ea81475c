namespace Chat.Tests;

/// <summary>
/// The chapter's exercises, as tests that fail until the exercise is done. To start an exercise, delete
/// the <c>Skip = ...</c> of its test and run <c>dotnet test tests/04-chat.Tests --filter Exercise</c>.
/// </summary>
public sealed class ExerciseTests
{
    [Fact(Skip = "Exercise 1: message history for late joiners. Delete this Skip to check your solution.")]
    public async Task Exercise1_a_late_joiner_sees_the_last_messages()
    {
        // Keep the last 3 messages (ChatServerOptions could get a History setting) and send them to each
        // new client right after its welcome, before anything else.
        await using var server = await Servers.Start();
        await using var alice = await RawClient.ConnectAsync(server.EndPoint);
        for (int i = 1; i <= 4; i++) await alice.SendAsync($"message {i}");
        await alice.SyncAsync();

        await using var bob = await RawClient.ConnectAsync(server.EndPoint);
        Assert.Equal(["<guest1> message 2", "<guest1> message 3", "<guest1> message 4"], await bob.SyncAsync());
    }

    [Fact(Skip = "Exercise 2: rooms with /join. Delete this Skip to check your solution.")]
    public async Task Exercise2_messages_stay_in_their_room()
    {
        // Everyone starts in #lobby. "/join <room>" moves you; messages, /me and join/leave notices reach
        // only your room; /who lists your room. Hint: the Room class already is one room.
        await using var server = await Servers.Start();
        RawClient[] clients = await RawClient.ConnectManyAsync(server.EndPoint, 3);
        var (alice, bob, carol) = (clients[0], clients[1], clients[2]);

        await alice.SendAsync("/join games");
        Assert.Equal(["* you are now in #games"], await alice.SyncAsync());
        await carol.SendAsync("/join games");
        await carol.SyncAsync();
        await alice.SendAsync("anyone for chess?");
        await alice.SyncAsync();

        Assert.Contains("<guest1> anyone for chess?", await carol.SyncAsync());
        Assert.DoesNotContain("<guest1> anyone for chess?", await bob.SyncAsync());
        await carol.SendAsync("/who");
        Assert.Contains("* 2 here: guest1, guest3", await carol.SyncAsync());
        foreach (RawClient c in clients) await c.DisposeAsync();
    }

    [Fact(Skip = "Exercise 3: an operator's /kick. Delete this Skip to check your solution.")]
    public async Task Exercise3_the_operator_can_kick()
    {
        // The first client to join is the operator. "/kick <nick>" disconnects that client with a reason
        // (reuse ChatSession.Close); anyone else trying it is told no.
        await using var server = await Servers.Start();
        RawClient[] clients = await RawClient.ConnectManyAsync(server.EndPoint, 3);
        var (op, bob, carol) = (clients[0], clients[1], clients[2]);

        await bob.SendAsync("/kick guest3");
        Assert.Equal(["! only the operator can kick"], await bob.SyncAsync());

        await op.SendAsync("/kick guest2");
        Assert.Equal(["! you were kicked by guest1"], await bob.RestUntilClosedAsync());
        Assert.Contains("* guest2 left (kicked by guest1)", await carol.WaitForAsync(l => l.StartsWith("* guest2 left", StringComparison.Ordinal)));
        foreach (RawClient c in clients) await c.DisposeAsync();
    }
}
