// Common English and support-desk words for the bench tokenizer. Its token
// counts drive the model's cost, so ordinary ticket text has to split into
// about as many pieces as the real bert-base-uncased vocabulary gives it
// (mostly one per word), not into the three or four letter fragments a
// synthetic vocabulary alone would produce.
export const ENGLISH_WORDS = `
the of and to a in is it you that he was for on are with as i his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their
time if will way about many then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call first who may down side been
now find any new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put
home read hand port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father head stand own
page should country found answer school grow study still learn plant cover food sun four between state keep eye
never last let thought city tree cross farm hard start might story saw far sea draw left late run don't while
press close night real life few north open seem together next white children begin got walk example ease paper
group always music those both mark often letter until mile river car feet care second book carry took science
eat room friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough
plain girl usual young ready above ever red list though feel talk bird soon body dog family direct pose leave
song measure door product black short numeral class wind question happen complete ship area half rock order fire
south problem piece told knew pass since top whole king space heard best hour better true during hundred five
remember step early hold west ground interest reach fast verb sing listen six table travel less morning ten
simple several vowel toward war lay against pattern slow center love person money serve appear road map rain
rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan
figure star box noun field rest correct able pound done beauty drive stood contain front teach week final gave
green oh quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch
multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy test
record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate hot miss
brought heat snow tire bring yes distant fill east paint language among grand ball yet wave drop heart am
present heavy dance engine position arm wide sail material size vary settle speak weight general ice matter
circle pair include divide syllable felt perhaps pick sudden count square reason length represent art subject
region energy hunt probable bed brother egg ride cell believe fraction forest sit race window store summer train
sleep prove lone leg exercise wall catch mount wish sky board joy winter sat written wild instrument kept glass
grass cow job edge sign visit past soft fun bright gas weather month million bear finish happy hope flower
clothe strange gone jump baby eight village meet root buy raise solve metal whether push seven paragraph third
shall held hair describe cook floor either result burn hill safe cat century consider type law bit coast copy
phrase silent tall sand soil roll temperature finger industry value fight lie beat excite natural view sense ear
else quite broke case middle kill son lake moment scale loud spring observe child straight consonant nation
dictionary milk speed method organ pay age section dress cloud surprise quiet stone tiny climb cool design poor
lot experiment bottom key iron single stick flat twenty skin smile crease hole trade melody trip office receive
row mouth exact symbol die least trouble shout except wrote seed tone join suggest clean break lady yard rise bad
blow oil blood touch grew cent mix team wire cost lost brown wear garden equal sent choose fell fit flow fair
bank collect save control decimal gentle woman captain practice separate difficult doctor please protect noon
whose locate ring character insect caught period indicate radio spoke atom human history effect electric expect
crop modern element hit student corner party supply bone rail imagine provide agree thus capital won't chair
danger fruit rich thick soldier process operate guess necessary sharp wing create neighbor wash bat rather crowd
corn compare poem string bell depend meat rub tube famous dollar stream fear sight thin triangle planet hurry
chief colony clock mine tie enter major fresh search send yellow gun allow print dead spot desert suit current
lift rose arrive master track parent shore division sheet substance favor connect post spend chord fat glad
original share station dad bread charge proper bar offer segment slave duck instant market degree populate
chick dear enemy reply drink occur support speech nature range steam motion path liquid log meant quotient teeth
shell neck oxygen sugar death pretty skill women season solution magnet silver thank branch match suffix
especially fig afraid huge sister steel discuss forward similar guide experience score apple bought led pitch
coat mass card band rope slip win dream evening condition feed tool total basic smell valley nor double seat
continue block chart hat sell success company subtract event particular deal swim term opposite wife shoe
shoulder spread arrange camp invent cotton born determine quart nine truck noise level chance gather shop
stretch throw shine property column molecule select wrong gray repeat require broad prepare salt nose plural
anger claim continent
account accounts password passwords login logins logout sign signed email emails address addresses order orders
invoice invoices billing bill bills payment payments pay paid card cards charged charges subscription
subscriptions plan plans upgrade upgraded downgrade cancel cancelled canceled cancellation price prices pricing
app apps website site sites button buttons screen screens settings setting profile update updated updates
install installed download downloaded upload uploaded uploads file files data report reports export exported
import imported question questions request requests ticket tickets issue issues feature features version
versions phone mobile desktop browser server servers service services customer customers user users products
delivery shipping package packages tracking today yesterday tomorrow reset change changed add added remove
removed delete deleted using tried trying works working worked opened click clicked received checked waiting
waited link links code codes message messages notification notifications option options information details
api key keys integration sync synced backup storage manager agent agents replied response responses called chat
item items return returned exchange hours minutes days weeks months already really anyone someone something
anything everything everyone nobody business office username verify verification confirm confirmation receipt
discount coupon trial premium monthly annual yearly renew renewal document documents pdf image images photo
photos video videos dashboard menu tab device devices android iphone ios windows mac chrome safari firefox
network internet wifi connection access permission permissions admin invite member members workspace project
projects task tasks calendar schedule meeting date tax balance credit debit transfer transaction transactions
amount fee fees shipped arrived status pending processing available different another able doesn't didn't isn't
can't i'm i've we've you're it's that's there's let's wasn't couldn't wouldn't shouldn't haven't hasn't
error errors bug bugs crash crashes crashed crashing broken fail fails failed failing failure slow slower
refund refunds lawyer lawyers attorney legal lawsuit gdpr csv json xml url sms otp security secure privacy
unacceptable terrible awful horrible worst furious angry annoyed frustrated disappointed upset hate hated
ridiculous useless scam fraud complaint complain complained nightmare disgusting pathetic outrageous
thanks thanked appreciate appreciated helpful awesome excellent wonderful amazing perfect fantastic brilliant
pleased nice lovely quickly easy easier resolved resolve fixed fix fixing solved issue's
hello hi hey regards sincerely cheers best kindly asap urgent urgently immediately priority help helped helping
since last nobody answers answer answered ignored ignore attorney accountant accountants advance
contact contacted twice replace replacement deliver delivered damage damaged shows showed keeps kept
customer's month's week's dear team thanks everyone quickly unfortunately however although sorry apologize
wrong incorrect missing lost stolen late delay delayed expected expect instead without within across around
through again still never always sometimes usually often already just only even ever also too very really
multiple several both each every per via able unable cannot couldn't won't need needs needed want wants wanted
working happened happening problem problems issue issues question questions message messages reply replies
`;
