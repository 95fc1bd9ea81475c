using System.Net;
using System.Net.Sockets;
using Pickling;

namespace Serializer.Tests;

/// <summary>Values come back equal, shared objects come back shared, cycles come back as cycles.</summary>
public sealed class RoundTripTests
{
    private static readonly TypeRegistry Types = GameTypes.Registry();

    private static T RoundTrip<T>(T value) => Pickle.Loads<T>(Pickle.Dumps(value, Types), Types);

    [Fact]
    public void Primitives_come_back_as_they_went()
    {
        Assert.Null(RoundTrip<object?>(null));
        Assert.True(RoundTrip(true));
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(int.MaxValue, RoundTrip(int.MaxValue));
        Assert.Equal(-0.0, RoundTrip(-0.0));
        Assert.True(double.IsNaN(RoundTrip(double.NaN)));
        Assert.Equal("zażółć 🎮", RoundTrip("zażółć 🎮"));
        Assert.Equal(new byte[] { 0, 255, 7 }, RoundTrip(new byte[] { 0, 255, 7 }));
        Assert.Equal(new string('x', 5000), RoundTrip(new string('x', 5000)));
    }

    [Fact]
    public void Typed_collections_come_back_typed()
    {
        var scores = new Dictionary<string, List<int>> { ["ada"] = [1, 2, 3], ["bob"] = [] };
        Dictionary<string, List<int>> back = RoundTrip(scores);
        Assert.Equal([1, 2, 3], back["ada"]);
        Assert.Empty(back["bob"]);
    }

    [Fact]
    public void A_shared_player_stays_one_object()
    {
        Room room = RoundTrip(Examples.SharedLeader());
        Assert.Equal(["ada", "bob"], room.Players.Select(p => p.Name));
        Assert.Same(room.Players[0], room.Leader);
    }

    [Fact]
    public void A_cycle_survives()
    {
        Player ada = RoundTrip(Examples.Cycle());
        Assert.Equal("bob", ada.Chasing!.Name);
        Assert.Same(ada, ada.Chasing.Chasing);
    }

    [Fact]
    public void A_list_that_contains_itself_survives()
    {
        var list = new List<object?> { 1 };
        list.Add(list);
        var back = (List<object?>)Pickle.Loads(Pickle.Dumps(list, Types), Types)!;
        Assert.Same(back, back[1]);
    }

    /// <summary>A record whose fields are typed lists: the writer and reader take their typed list paths.</summary>
    public sealed class Squad
    {
        public List<double> Speeds { get; set; } = [];
        public List<string?> Tags { get; set; } = [];
        public List<int>? Scores { get; set; }
        public List<Player?> Team { get; set; } = [];
        public List<Player?> Reserves { get; set; } = [];
    }

    [Fact]
    public void Typed_list_fields_keep_their_items_nulls_and_sharing()
    {
        var types = new TypeRegistry().Register<Player>("game.Player").Register<Squad>("game.Squad");
        var ada = new Player { Name = "ada", Score = 3 };
        List<Player?> team = [ada, null, ada];
        var squad = new Squad { Speeds = [1.5, -0.0, double.MaxValue], Tags = ["fast", null, ""], Scores = null, Team = team, Reserves = team };

        Squad back = Pickle.Loads<Squad>(Pickle.Dumps(squad, types), types);

        Assert.Equal([1.5, -0.0, double.MaxValue], back.Speeds);
        Assert.Equal(["fast", null, ""], back.Tags);
        Assert.Null(back.Scores);
        Assert.Same(back.Team, back.Reserves); // one list, reachable from two fields
        Assert.Null(back.Team[1]);
        Assert.Same(back.Team[0], back.Team[2]);
        Assert.Equal("ada", back.Team[0]!.Name);
    }

    [Fact]
    public void A_stream_that_lists_the_fields_in_another_order_is_read_by_name()
    {
        // Written by hand, as another version of the program might: game.Player with its fields as
        // (Score, Name), Chasing left out. The reader sets them one by one, by name; Chasing keeps its default.
        byte[] bytes =
        [
            0x80, 1, (byte)'Y', 11, .. "game.Player"u8, 2, 5, .. "Score"u8, 4, .. "Name"u8,
            (byte)'R', 0, (byte)'I', 14, (byte)'S', 3, .. "ada"u8, (byte)'.',
        ];
        Player ada = Pickle.Loads<Player>(bytes, Types);
        Assert.Equal(("ada", 7, null), (ada.Name, ada.Score, ada.Chasing));
    }

    [Fact]
    public void Writing_an_unregistered_type_says_which_one()
    {
        var e = Assert.Throws<NotSupportedException>(() => Pickle.Dumps(new Uri("http://example.com"), Types));
        Assert.Contains("System.Uri is not registered", e.Message);
    }

    [Fact]
    public async Task Several_messages_follow_each_other_over_a_loopback_socket_even_one_byte_at_a_time()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var sender = new TcpClient { NoDelay = true };
        await sender.ConnectAsync((IPEndPoint)listener.LocalEndpoint).WaitAsync(TimeSpan.FromSeconds(10));
        using TcpClient receiver = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Three messages, sent one byte per write: the reader must wait for the rest, never misread.
        byte[] all = [.. Pickle.Dumps(Examples.SharedLeader(), Types), .. Pickle.Dumps("second", Types), .. Pickle.Dumps(3, Types)];
        Task sending = Task.Run(async () =>
        {
            NetworkStream stream = sender.GetStream();
            foreach (byte b in all) await stream.WriteAsync(new[] { b });
            sender.Client.Shutdown(SocketShutdown.Send);
        });

        var pickles = new PickleStream(receiver.GetStream(), Types);
        Task<(Room, string, long, bool)> reading = Task.Run(() =>
            (pickles.Read<Room>(), pickles.Read<string>(), pickles.Read<long>(), pickles.TryRead(out object? _)));
        (Room room, string second, long third, bool more) = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(room.Leader, room.Players[0]);
        Assert.Equal("second", second);
        Assert.Equal(3, third);
        Assert.False(more); // a clean end between messages is not an error
    }

    [Fact]
    public void A_stream_cut_inside_a_message_is_a_format_error_at_the_cut()
    {
        byte[] bytes = Pickle.Dumps(Examples.SharedLeader(), Types);
        var pickles = new PickleStream(new MemoryStream(bytes[..50]), Types);
        var e = Assert.Throws<PickleFormatException>(() => pickles.Read<Room>());
        Assert.Equal(50, e.Offset);
    }
}
