package dedup

import "strings"

// The fixtures are invented: a wire story about a flood in a town that
// does not exist, the ways outlets republish it, and other outlets' own
// stories on the same flood.

// wireStory is the original wire story, about 330 words in 8 paragraphs.
var wireStory = []string{
	"Flood water forced the evacuation of more than 4,000 residents from the riverside town of Marlow Bridge on Tuesday after three days of heavy rain pushed the River Tessel over its banks, local officials said.",
	"Emergency crews used boats to reach families trapped on upper floors in the low-lying Eastgate district, where the water rose almost two metres overnight. No deaths had been reported by Tuesday evening, but two people were taken to hospital with hypothermia, according to the regional ambulance service.",
	`"We have never seen the river climb this fast," said Harriet Owusu, who chairs the town council's emergency committee. "The defences held for most of the night, and then a section near the old mill simply gave way."`,
	"The breach, about thirty metres long, sent water across the railway line and into the town's main shopping street. Train services between Marlow Bridge and the regional capital were suspended and are not expected to resume before the weekend.",
	"Forecasters warned that a further band of rain would cross the region on Wednesday night. The national weather office issued an amber warning for the Tessel valley, saying that another 40 millimetres could fall on already saturated ground.",
	"Residents were told to move valuables upstairs and to avoid driving through standing water. Temporary shelters opened at the county sports hall and at two schools, which will remain closed for the rest of the week.",
	"The flooding is the worst in the valley since 2007, when the river reached a record level of 5.8 metres at the Carrow gauge. Engineers had spent eighteen months raising the embankments after a review found that parts of the defences were more than fifty years old.",
	"Insurers said it was too early to estimate the cost of the damage. The regional development agency promised an emergency fund for small businesses whose premises were flooded.",
}

// rewrittenLead is another outlet's first paragraph for the wire story.
const rewrittenLead = "Thousands of people in Marlow Bridge spent Tuesday night away from home as the swollen River Tessel burst through the town's defences, officials confirmed, after a weekend and a Monday of relentless rain."

// editedWords are a few words a subeditor changes: old → new.
var editedWords = []string{
	"more than 4,000", "over 4,000",
	"almost two metres", "nearly two metres",
	"taken to hospital", "treated in hospital",
	"simply gave way", "just gave way",
	"further band", "second band",
	"move valuables upstairs", "carry valuables upstairs",
	"eighteen months", "18 months",
	"too early", "premature",
}

// sameEventStory is a different outlet's own report of the same flood:
// the same names, places and figures, the same quotation, other words.
const sameEventStory = `MARLOW BRIDGE — By mid-afternoon the water in Eastgate was lapping at the windowsills, and Daniel Price had given up trying to save the sofa.

"You could hear it before you saw it," said Price, 62, who has lived on Mill Lane for three decades. He and his wife were lifted out of their bedroom window by a rescue crew in an inflatable boat.

Across Marlow Bridge, some 4,000 people have left their homes since the River Tessel broke through a stretch of embankment near the old mill early on Tuesday. Council leader Harriet Owusu told reporters: "We have never seen the river climb this fast."

For shopkeepers on the high street the timing could hardly be worse. Several had only just reopened after a quiet winter, and many say their insurance will not cover stock lost to a flood.

The county has opened its sports hall as a shelter, and volunteers from local churches were handing out blankets and hot soup there on Tuesday night. More rain is forecast for Wednesday, and the weather office has put the whole Tessel valley under an amber warning.

Residents remember 2007, when the river last rose this high, and many wonder why eighteen months of work on the banks did not keep it out this time.`

// quotingStory is a different story that quotes one paragraph of the wire
// story word for word, then goes its own way.
const quotingStory = `The collapse of the flood wall at Marlow Bridge has revived an old argument about who pays for river defences in small towns.

"We have never seen the river climb this fast," said Harriet Owusu, who chairs the town council's emergency committee. "The defences held for most of the night, and then a section near the old mill simply gave way."

Owusu's committee asked the national environment agency for money to rebuild the Eastgate embankment four years ago and was told to wait for a valley-wide review. That review, published last spring, ranked the town eleventh of fourteen for funding.

Campaigners say the ranking formula favours cities, where more property is at stake, and leaves market towns to raise money locally through business rates that have been falling for a decade.

The agency said on Tuesday that its formula was set by ministers and that it would look again at the Tessel valley once the water had gone down. A spokesman for the environment ministry said emergency funding was available and that no town would be left to cope alone.`

// joined returns paragraphs joined into one text.
func joined(paras ...string) string { return strings.Join(paras, "\n\n") }

// original returns the whole wire story.
func original() string { return joined(wireStory...) }

// withEdits returns s with the edited words replaced.
func withEdits(s string) string {
	return strings.NewReplacer(editedWords...).Replace(s)
}

// withLead returns the wire story with its first paragraph rewritten.
func withLead() []string {
	return append([]string{rewrittenLead}, wireStory[1:]...)
}
