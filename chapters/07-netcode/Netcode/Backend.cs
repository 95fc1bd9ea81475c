using System.Net;
using Netcode.Game;
using Netcode.Peers;
using Netcode.State;
using Netcode.Transport;
using Netcode.Wire;

namespace Netcode;

/// <summary>
/// The three server parts wired together, as PyGaSe's Backend: a store holding the state, a game loop
/// (state machine) changing it, and a server sending it out and feeding client events to the loop.
/// </summary>
public sealed class Backend : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public Backend(GameState initialState, Func<GameState, double, Changes?> timeStep, PeerOptions? options = null)
    {
        Options = options ?? new PeerOptions();
        Store = new GameStateStore(initialState);
        Machine = new GameStateMachine(Store, Options.Time, Options.Log) { TimeStep = timeStep };
        Server = new Server(Store, Options)
        {
            EventWire = Machine.Enqueue,
            // A client that went silent reaches the game as an event of its own, so a game can remove its
            // player (register a handler for LibraryEvents.ClientGone); a game without one just logs it.
            ClientGone = address => Machine.Enqueue(new NetEvent(LibraryEvents.ClientGone), address),
        };
    }

    public PeerOptions Options { get; }
    public GameStateStore Store { get; }
    public GameStateMachine Machine { get; }
    public Server Server { get; }

    public void RegisterEventHandler(string eventType, Func<EventCall, Changes?> handler) => Machine.RegisterEventHandler(eventType, handler);

    /// <summary>Starts the game loop and the server; returns once the socket is bound.</summary>
    public Task StartAsync(IPEndPoint endPoint, TimeSpan? interval = null) => StartAsync(new UdpTransport(endPoint), interval);

    /// <summary>Starts on a transport of your own (a test's, for instance).</summary>
    public async Task StartAsync(IDatagramTransport transport, TimeSpan? interval = null)
    {
        await Server.StartAsync(transport);
        _loop = Task.Run(() => Machine.RunAsync(interval ?? GameStateMachine.DefaultInterval, _stop.Token));
    }

    /// <summary>
    /// Completes when the server stopped (e.g. its host client sent "shutdown"), or faults when the game
    /// loop or a server loop failed: the program should then exit with an error, not run on with a dead loop.
    /// </summary>
    public Task Stopped => _stopped ??= WhenEitherEnds();
    private Task? _stopped;

    private async Task WhenEitherEnds()
    {
        Task first = await Task.WhenAny(Server.Stopped, _loop);
        await first; // rethrows a fault
        if (first == _loop && !_stop.IsCancellationRequested) throw new InvalidOperationException("the game loop ended by itself");
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        await Server.DisposeAsync();
    }
}
