package entity

// The word lists below are folded (lower-case, dots removed) and
// space-separated; New turns them into sets. The gazetteer proper (places,
// organisations, given names, nationalities) is in data/.

// roleHeadWords end a title or role: "Foreign Minister", "Gen.", "Mr",
// "spokesman". A capitalised span after one is a person.
const roleHeadWords = `president minister secretary chancellor premier king queen prince princess
	emir sultan sheikh shaikh pope ayatollah senator sen rep representative congressman
	congresswoman governor gov mayor judge justice general gen lt col colonel maj capt captain
	admiral adm sgt sergeant commander cmdr lieutenant brigadier brig marshal mr mrs ms miss mx
	dr prof professor rev reverend sir dame lord lady ambassador amb envoy commissioner
	chairman chairwoman chairperson chair ceo cfo coo cto founder director spokesman
	spokeswoman spokesperson speaker leader chief inspector detective det superintendent supt
	archbishop bishop cardinal rabbi imam cleric coach manager prosecutor lawmaker mp deputy
	negotiator hon pres elect officer adviser advisor counsel attorney administrator
	patriarch mufti vizier chieftain warden sheriff constable cpl pvt corporal private
	executive president-elect`

// roleModifierWords may come before a role head: "Prime", "Foreign",
// "Deputy", "Attorney" (General), "House" (Speaker).
const roleModifierWords = `prime deputy vice acting interim former foreign finance defence defense
	interior home health economy economic trade commerce energy oil education justice
	agriculture transport transportation labour labor culture environment housing treasury
	state war security intelligence chief executive senior assistant associate supreme crown
	grand lieutenant attorney surgeon press communications national police army military navy
	party opposition majority minority senate house first shadow cabinet principal managing
	general team union bureau rebel district county federal city special high rear field air
	staff brig major information digital science technology industry tourism sports water
	development planning immigration migration veterans climate legal public affairs
	parliamentary presidential royal vice-president`

// roleOfPhrases are roles written with "of" that end before the name.
const roleOfPhrases = `secretary of state|secretary of defense|secretary of defence|secretary of war|
	secretary of the treasury|secretary of the navy|secretary of the army|
	secretary of homeland security|secretary of health|secretary of commerce|
	secretary of energy|secretary of the interior|secretary of labor|secretary of transportation|
	minister of foreign affairs|minister of defence|minister of defense|minister of finance|
	minister of health|minister of the interior|minister of interior|minister of state|
	minister of justice|minister of economy|minister of energy|minister of trade|
	chief of staff|chief of the general staff|chief of defence staff|chief of defense staff|
	head of state|head of government|director of national intelligence|
	speaker of the house|leader of the opposition|chancellor of the exchequer|
	commander in chief|chairman of the joint chiefs of staff|chairman of the board`

// lowerRoleWords, written in lower case right before a capitalised span,
// make it a person: "spokesman John Kirby", "the foreign minister Abbas
// Araghchi".
const lowerRoleWords = `minister president secretary chancellor premier senator governor mayor judge
	spokesman spokeswoman spokesperson ambassador envoy commissioner chairman chairwoman ceo
	founder director leader chief commander general negotiator prosecutor lawmaker analyst
	economist professor attorney lawyer king queen prince pope coach manager elect
	correspondent reporter journalist activist author researcher scientist executive cleric
	colonel captain sergeant lieutenant admiral emir sultan sheikh ayatollah rabbi imam
	cardinal bishop adviser advisor strategist diplomat official officer actor actress singer
	rapper player striker goalkeeper midfielder defender president-elect`

// titleAbbreviations are the abbreviations whose period does not end a
// name: "Mr. Smith", "Gen. J. R. Adams".
const titleAbbreviations = `mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep rev cmdr pres amb
	hon supt insp det cpl pvt brig jr sr st mt ft`

// orgSuffixWords end the name of an organisation: "Foreign Ministry",
// "Bank of England" (head before "of"), "Acme Corp".
const orgSuffixWords = `ministry council party house bank university agency inc corp corporation ltd limited
	llc plc gmbh ag nv group court parliament police army navy union organization organisation
	committee association company airlines airways news times post journal herald tribune
	gazette telegraph chronicle institute institution foundation department commission
	authority board bureau service services guard guards forces force corps federation league
	fund reserve church club network press media motors motor systems technologies technology
	holdings platforms partners capital securities pharmaceuticals pharma petroleum exchange assembly
	congress senate cabinet administration movement front alliance coalition hospital
	college school academy society trust center centre museum broadcasting television tv radio
	studios labs laboratories tribunal secretariat brigades brigade battalion regiment command
	office electric industries enterprises solutions insurance telecom communications
	stores brands foods entertainment pictures records software robotics aerospace dynamics
	logistics shipping railways railway magazine daily fc directorate inspectorate observatory
	caucus cooperative consortium orchestra polytechnic seminary mission government
	ministries agencies unions parties councils courts banks universities`

// orgOfHeads start an organisation's name written with "of", "for" or
// "on": "Ministry of Defence", "Council on Foreign Relations".
const orgOfHeads = `ministry department bank university council court church bureau office institute
	commission board house chamber academy college school federation union league party
	association organization organisation agency committee museum society foundation fund
	secretariat observatory assembly parliament government centre center conference
	centers centres`

// placeSuffixWords end the name of a place: "Khyber Pakhtunkhwa Province",
// "Salt Lake City".
const placeSuffixWords = `province county island islands strait sea ocean river lake mountains
	mountain valley desert peninsula coast street avenue square district region governorate
	oblast prefecture bay canal airport heights hills plateau basin delta highway boulevard
	bridge crossing camp city park plains stadium palace station port base beach falls dam reservoir
	corridor strip plain forest glacier township village archipelago atoll gulf cape`

// placePrefixWords start the name of a place: "Mount Everest", "Lake Chad",
// "Port Sudan", "Fort Worth".
const placePrefixWords = `mount mt lake cape port fort san`

// placeOfHeads start a place written with "of": "Gulf of Aden", "Republic
// of Ireland", "City of London".
const placeOfHeads = `gulf sea strait bay isle island islands city province region republic
	kingdom state states district county cape mount lake port commonwealth sultanate emirate
	principality horn`

// nameParticles are the lower-case words inside names: "Mohammed bin
// Salman", "Ursula von der Leyen", "Rio de Janeiro", "Port-au-Prince".
const nameParticles = `bin ibn bint al el van von der den de da di du del della la le dos das do ter ten
	es au zu af y`

// timeWords are days, months and holidays: never an entity, and trimmed
// from the ends of a span ("Tehran Tuesday").
const timeWords = `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
	thur thurs fri sat january february march april may june july august september october
	november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter ramadan
	eid hanukkah thanksgiving passover diwali lent halloween yom kippur`

// nonEntityWords are capitalised words that are never an entity alone:
// discourse words, generic nouns, pronouns, directions.
const nonEntityWords = `god allah however meanwhile also yet still instead moreover furthermore although despite according
	after before since while during following earlier later today yesterday tomorrow tonight
	now then here there last next this that these those some many most several few both each
	every such other another more less much all any none nothing something everything everyone
	someone anyone officials official police residents witnesses analysts experts critics
	observers sources diplomats authorities troops soldiers forces protesters activists people
	workers voters leaders ministers lawmakers government administration state states
	internet web covid coronavirus breaking update updated photo photos video videos image
	images read more advertisement related subscribe share copyright reporting editing
	writing opinion analysis comment editorial exclusive live watch listen sign menu home
	news section page chapter part figure table source sources note notes yes no oh ok okay
	please thanks thank dear hello hi well so and but or if when where why how what who
	whom whose which we they he she it you i me my our your their his her its us them him
	said says say told asked added according mr mrs ms dr sir madam west east north south
	northern southern eastern western central greater upper lower new old first second
	third fourth fifth former late early mid am pm`

// nonEntityAcronyms are words in capitals that are not organisations.
const nonEntityAcronyms = `ceo cfo coo cto cio mp mps pm am gdp cpi pmi covid ai tv ok id ids phd mba
	dna rna hiv aids vat ipo lng lpg etf gmt utc est edt pst pdt bst cet cest usd eur gbp jpy
	cny rmb km kg mw gw kwh bc ad bce ce ps pps nb faq pdf url html api apis ufo vip vpn suv ev
	evs icu er pr hr it q1 q2 q3 q4 h1 h2 fy atm sms gps usb co2 ngo ngos lgbt lgbtq lgbtq+ dei
	esg agm rsvp aka diy mri ct ied ieds rpg icbm uav uavs eta tba tbd na rip lol omg wwii wwi
	ww2 ww1 mph kph ft lb lbs oz ml mg pc ps5 ii iii iv
	vi vii viii ix xi xii xiii ac sos re fyi
	asap cpu gpu ram ssd hdd lcd led oled rgb hdmi hdtv uhd fps rpm gsm cdma lte wifi nfc
	ecg ekg iq pcr bmi awd rwd hvac json xml https ftp`

// saidVerbs after a capitalised span make it a person: "Araghchi said".
const saidVerbs = `said says told added wrote asked recalled explained insisted tweeted`

// placeCueWords before an unknown capitalised span make it a place:
// "in Khan Younis", "near Kharkiv".
const placeCueWords = `in near outside across throughout toward towards around inside into`

// bylineWords come before "by" and a person: "Reporting by …", "Editing
// by …".
const bylineWords = `reporting editing writing reported written compiled photographed`

// legalSuffixes end a company's name and are left out when matching it
// ("Acme Corp." is "Acme").
const legalSuffixes = `inc corp corporation co ltd limited llc plc gmbh ag sa nv se spa bv`

// stakeWords before "in" make what follows a company, not a place:
// "shares in Veltrax", "a stake in Cargomind".
const stakeWords = `shares share stake stakes investment investments invested investing interest
	interests holding holdings stock confidence`

// possessiveNameWords are the words whose possessive belongs to a name
// ("People's Liberation Army", "Workers' Party"), unlike "Iran's".
const possessiveNameWords = `people peoples workers children women men veterans citizens farmers
	journalists teachers nations st saint`

// hyphenWords follow a hyphen after a name without being part of it
// ("U.S.-led", "Kremlin-backed", "Biden-era").
const hyphenWords = `led backed based era born made owned run style like linked aligned allied
	controlled funded held occupied friendly bound wide type class old year day week month
	long term time free up in out off on one two new big wing area zone`

// nameSuffixes follow a person's surname: "Martin Luther King Jr".
const nameSuffixes = `jr sr ii iii iv`

// familyFirstNames are the East Asian family names that lead a name ("Xi
// Jinping", "Kim Jong Un"), so that a later "Xi" is the same person.
const familyFirstNames = `xi li wang zhang liu chen yang huang zhao zhou wu xu zhu hu guo lin gao luo
	zheng liang han deng feng cao peng zeng xiao tian dong cai jiang kim choi kang cho yoon jang
	lim nguyen tran pham hoang phan vu`

// connectorWords join the head of a name to the rest: "Bank of England",
// "Council on Foreign Relations", "Observatory for Human Rights".
const connectorWords = `of for on`

// functionWords are the small words title case leaves in lower case; they
// are skipped when telling a headline from a sentence.
const functionWords = `a an the of in on at to for and or but nor with by from as vs via into over
	is are be after up out off amid`

// englishWords are frequent English words; their share of a text's words
// tells English from other languages.
const englishWords = `the of and to in a is that for on with was as by said at from his her it an
	were are which has have be he she they but not will its their this after been who would
	also had than more about over into could when there new says after what while`
