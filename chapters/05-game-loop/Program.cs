using Course.Cli;
using GameLoop;

// Chapter 05: a ticking game loop on an async web-socket server, and a multiplayer snake in the browser.
// Layout (the library in Snake/ is reused by chapter 06):
//   Snake/Game/          the rules, without sockets or clocks
//     SnakeGame.cs         one room's game: Step plays one tick, and the only place its rules live
//     SnakeBody.cs         one snake; Cell.cs: a square of the board; Direction.cs: keys to directions
//     GameRules.cs         the numbers that make the game     Steering.cs  how bots play
//   Snake/Loop/          TickLoop.cs: PeriodicTimer + TimeProvider, start once, stop, surface failures;
//                        TickPacing.cs: the timer, or the naive sleep after each tick (for the bench);
//                        PreciseTimeProvider.cs: a clock whose waits end on time, not on the kernel's 4 ms steps
//   Snake/Rooms/         Room.cs (a game, its players, its loop), RoomDirectory.cs (join/leave),
//                        Player.cs, Outbox.cs (what waits for one player), RoomOptions.cs, ITickHook.cs
//                        (extra work per tick: chapter 06's computer snakes)
//   Snake/Variants/      the article's three loops side by side, for the page: AlwaysRunningHub.cs,
//                        OnDemandHub.cs, PerRoomHub.cs
//   Snake/Wire/          the JSON messages (docs/protocol/snake.md): ClientMessage.cs and PlayerInput.cs in,
//                        ServerMessages.cs out; StateView.cs and ChatView.cs as readers see them
//   Snake/Chat/          the server's chat line (ServerChat.cs, ChatLine.cs, Scoreboard.cs), its flood gate
//                        (ChatGate.cs), and IServerRelay.cs (chapter 06 links servers)
//   Snake/Web/           SnakeServer.cs (Kestrel: / and /connect), SnakeServerOptions.cs, PlayerConnection.cs,
//                        Page.cs (index.html)
//   Snake/Bots/          SnakeBot.cs: a ClientWebSocket player
//   ServerCommand.cs     the `server` verb     BotCommand.cs  the `bot` verb
//   Bench/               the `bench` verb (BenchCommand.cs): tick lateness against the schedule seen by N bots,
//                        timer vs sleep-after-tick, and one room beside the floor (Bench.cs);
//                        Players.cs: the bots, noting when each state arrives; FloorPlayers.cs: the floor's
//                        readers; IArrivals.cs: what the two share, so one warm-up serves both
//   Timeline.cs          ten ticks paced each way, recorded for the figure on the chapter's page

return CourseApp.Run("chapters/05-game-loop", "Chapter 05: a ticking game loop, web sockets and a browser snake game", args,
    ServerCommand.Create(), BotCommand.Create(), BenchCommand.Create(), Course.Bench.FloorVerb.Create(), Timeline.Create());
