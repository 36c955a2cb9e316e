/** Common English function words: they carry no topic, so lexical similarity ignores them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before " +
    "being below between both but by can could did do does doing down during each even ever few " +
    "for from further get got had has have having he her here hers herself him himself his how i " +
    "if in into is it its itself just kind like me more most much my myself no nor not now of off " +
    "on once one only or other our ours ourselves out over own really same she should so some " +
    "such than that the their theirs them themselves then there these they thing things this " +
    "those through to too under until up us very was we were what when where which while who " +
    "whom why will with would yeah yes you your yours yourself yourselves okay oh well lot sort " +
    "s t don didn doesn isn wasn aren weren won wouldn shouldn couldn can't don't i'm it's that's " +
    "there's we're they're you're i've we've i'd i'll let's"
  ).split(" "),
);
