using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dots.Tests.SeedBugs;

/// <summary>
/// Seed bug 1: treating one receive as one message. These tests pass because they show the bug: a
/// receive returns what has arrived, which may be two lines glued together or half of one.
/// </summary>
public sealed class NoFramingTests
{
    [Fact]
    public void One_receive_can_return_two_lines_glued_together()
    {
        var (sender, receiver) = ConnectedPair();
        using (sender)
        using (receiver)
        {
            sender.Send("move 1 0\n"u8);
            sender.Send("move 0 1\n"u8);
            Thread.Sleep(200); // both lines are now waiting in the receiver's kernel buffer

            byte[] buffer = new byte[1024];
            string oneReceive = Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer));
            Assert.Equal("move 1 0\nmove 0 1\n", oneReceive); // the seed would parse this as ONE command
        }
    }

    [Fact]
    public async Task One_receive_can_return_half_a_line_and_the_line_reader_waits_for_the_rest()
    {
        var (sender, receiver) = ConnectedPair();
        using (sender)
        using (receiver)
        {
            sender.Send("mo"u8);
            byte[] buffer = new byte[1024];
            Assert.Equal("mo", Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer))); // the seed: "unknown command mo"

            // The fix: a line reader over the same socket keeps "mo" until the rest arrives.
            sender.Send("mo"u8);
            var reader = new LineReader(into => receiver.Receive(into));
            Task<LineResult> line = Task.Run(reader.ReadLine);
            Thread.Sleep(100);
            sender.Send("ve 1 0\nmove 0 1\n"u8);
            Assert.Equal("move 1 0", (await line.WaitAsync(TimeSpan.FromSeconds(10))).Text);
            Assert.Equal("move 0 1", reader.ReadLine().Text);
        }
    }

    private static (Socket Sender, Socket Receiver) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        sender.Connect(listener.LocalEndPoint!);
        Socket receiver = listener.Accept();
        receiver.ReceiveTimeout = 10_000;
        return (sender, receiver);
    }
}
