package text

// stopWords are the function words of each language that carry no topic,
// folded (lower-case, plain apostrophes).
var stopWords = map[string]map[string]bool{
	"en": setOf(`a about above after again against all also am an and any are aren't as at be because been
		before being below between both but by can can't cannot could couldn't did didn't do does doesn't
		doing don't down during each even ever few for from further get gets got had hadn't has hasn't have
		haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i
		i'd i'll i'm i've if in into is isn't it it's its itself just let's like made make many may me might
		more most much must mustn't my myself need no nor not now of off often on once one only or other
		ought our ours ourselves out over own per put rather really said same say says shall shan't she
		she'd she'll she's should shouldn't since so some still such than that that's the their theirs them
		themselves then there there's these they they'd they'll they're they've this those though through
		thus to too under until up upon us very via was wasn't we we'd we'll we're we've were weren't what
		what's when when's where where's whether which while who who's whom whose why why's will with
		within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
		yourselves mr mrs ms`),
	"fr": setOf(`au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur leurs lui
		à ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur
		ta te tes toi ton tu un une vos votre vous c d j l m n s t y été être avoir a ont est sont
		était fait comme plus aussi donc ainsi`),
	"de": setOf(`aber alle als also am an auch auf aus bei bin bis da damit dann das dass dem den der des
		die doch dort du durch ein eine einem einen einer eines er es für hat hatte haben ich ihr im in
		ist ja jetzt kann kein keine mit nach nicht noch nur ob oder sein seine sich sie sind so über um
		und uns unter vom von vor war waren was weil wenn wer wie wir wird wurde zu zum zur`),
	"es": setOf(`a al algo como con de del desde donde el ella ellos en entre era es esa ese eso esta este
		esto fue ha han hay la las le les lo los más me mi muy no nos o para pero por que se ser si sin
		sobre su sus también te tiene todo tu un una uno y ya`),
	"it": setOf(`a ad al alla alle anche che chi ci come con da dal dalla dei del della delle di e è ed gli
		ha hanno i il in la le lo loro ma mi ne nei nel nella non o per più quando questo qui se si sono
		su sua suo tra un una uno`),
	"pt": setOf(`a ao aos as até com como da das de do dos e é ela ele eles em entre era essa esse está
		foi há isso já mais mas me muito na nas não no nos o os ou para pela pelo por que se sem ser seu
		sua são também um uma`),
	"nl": setOf(`aan al als bij dan dat de der deze die dit door een en er geen had heb hebben het hij
		hoe ik in is je kan maar me met na naar niet nog nu of om omdat ook op over te tot uit van voor
		was wat we werd wie wij worden zal ze zich zij zijn`),
}
