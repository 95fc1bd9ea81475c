using System.Net;
using Agar.Game;
using Agar.Net;
using Netcode.Transport;

namespace Agar.Lab;

/// <summary>
/// One of the lab's players: a real <see cref="NetworkGame"/> on its own UDP socket, its simulated network
/// behind a <see cref="NetworkDial"/> the page turns, its timeline, and who steers it (the page's keys and
/// stick, or a <see cref="BotBrain"/> reading the same view). Only the lab's loop steps it and reads its view.
/// </summary>
public sealed class LabClient : IAsyncDisposable
{
    private readonly BotBrain _brain;
    private ClientSettings _settings = new();
    private Vec2 _steer;

    private LabClient(int number, NetworkGame game, NetworkDial dial, Timeline timeline, ulong seed)
    {
        Number = number;
        Game = game;
        Dial = dial;
        Timeline = timeline;
        _brain = new BotBrain(game.YouId, seed);
    }

    /// <summary>1, 2 or 3: client 1 is the one you steer.</summary>
    public int Number { get; }
    public NetworkGame Game { get; }
    public NetworkDial Dial { get; }
    public Timeline Timeline { get; }
    public ClientSettings Settings => Volatile.Read(ref _settings);

    /// <summary>Joins over a perfect network (a join is not the lesson), then takes its settings.</summary>
    public static async Task<LabClient> JoinAsync(int number, IPEndPoint server, ClientSettings settings, ulong seed, TimeProvider time,
        long labStart, CancellationToken cancel)
    {
        var dial = new NetworkDial(NetworkConditions.Perfect);
        var timeline = new Timeline(time, labStart);
        NetworkGame game = await NetworkGame.JoinAsync(server, new NetworkGameOptions
        {
            Name = $"Client {number}", Dial = dial, Seed = (int)(seed % int.MaxValue), Time = time, Report = timeline.Add,
        }, cancel);
        var client = new LabClient(number, game, dial, timeline, seed);
        client.Apply(settings);
        return client;
    }

    /// <summary>New settings, live: the next datagram meets the new network, the next frame uses the new switches.</summary>
    public void Apply(ClientSettings settings)
    {
        Volatile.Write(ref _settings, settings);
        Dial.Conditions = settings.Conditions;
        Game.Prediction = settings.Prediction;
        Game.Reconciliation = settings.Reconciliation;
        Game.Interpolation = settings.Interpolation;
    }

    /// <summary>The direction the page's keys or stick hold now (a bot ignores it).</summary>
    public void SteerFromPage(Vec2 direction) => _steer = direction.ClampedToUnit();

    /// <summary>One tick: whoever steers decides, and the input goes to the server.</summary>
    public void Step()
    {
        Game.Steer(Settings.Bot ? _brain.Decide(Game.View()).Direction : _steer);
        Game.Step();
    }

    public ValueTask DisposeAsync() => Game.DisposeAsync();
}
