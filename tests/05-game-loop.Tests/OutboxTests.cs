using System.Net.WebSockets;
using System.Text;
using Snake.Rooms;

namespace GameLoop.Tests;

/// <summary>What waits for one player: the newest state, notices first, and a sender woken on the poster's thread.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_parked_sender_has_the_state_before_the_post_returns()
    {
        var outbox = new Outbox();
        ValueTask<(byte[]? Message, WebSocketCloseStatus? Closed)> taking = outbox.TakeAsync(CancellationToken.None);
        Assert.False(taking.IsCompleted); // nothing to send yet: the sender is parked

        // Posted from a thread-pool thread, as the tick does (a test's own thread has a synchronization
        // context, and .NET never resumes awaits inline there).
        bool takenDuringPost = await Task.Run(() =>
        {
            outbox.PostState(Bytes("state 1"));
            return taking.IsCompleted;
        });

        // No other thread was needed: the sender resumed inside PostState, on the poster's thread.
        Assert.True(takenDuringPost, "the sender was woken on another thread, not during the post");
        Assert.Equal("state 1", Text((await taking).Message));
    }

    [Fact]
    public async Task A_newer_state_replaces_the_unsent_one_and_notices_go_first()
    {
        var outbox = new Outbox();
        outbox.PostState(Bytes("state 1"));
        outbox.PostNotice(Bytes("notice"));
        outbox.PostState(Bytes("state 2"));

        Assert.Equal("notice", Text((await outbox.TakeAsync(CancellationToken.None)).Message));
        Assert.Equal("state 2", Text((await outbox.TakeAsync(CancellationToken.None)).Message));
        Assert.Equal(1, outbox.SkippedStates);
    }

    [Fact]
    public async Task A_parked_sender_stops_when_cancelled_or_closed()
    {
        var outbox = new Outbox();
        using var stop = new CancellationTokenSource();
        ValueTask<(byte[]? Message, WebSocketCloseStatus? Closed)> taking = outbox.TakeAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await taking);

        taking = outbox.TakeAsync(CancellationToken.None);
        outbox.Close(WebSocketCloseStatus.EndpointUnavailable);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, (await taking).Closed);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? message) => Encoding.UTF8.GetString(message!);
}
