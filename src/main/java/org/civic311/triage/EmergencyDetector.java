package org.civic311.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises emergencies in English, French and Spanish. Each clause is read on its own: a danger phrase counts
 * unless it is negated just before ("no smoke"), told as over or past ("the fire last year was put out"), asked
 * about as a service ("how do I get a smoke detector"), or part of a place's name ("Fire Station 5"). Missing an
 * emergency is the worst error, so the phrases lean to catching.
 */
final class EmergencyDetector {

    private static final Map<EmergencyKind, Pattern> DANGER = new EnumMap<>(EmergencyKind.class);

    /** Words for a person, who can collapse or be hit, unlike a drain or a curb. */
    private static final String PERSON = "(he|she|someone|somebody|man|woman|guy|lady|person|kid|child|boy|girl|baby"
            + "|neighbou?r|dad|mom|mum|father|mother|husband|wife|son|daughter|brother|sister|uncle|aunt|cousin"
            + "|partner|boyfriend|girlfriend|roommate|friend|patient|customer|passenger|worker|runner|jogger|cyclist"
            + "|student|senior|resident|tenant|driver|pedestrian|player|grand(ma|pa|mother|father)|caller|male"
            + "|female|old (man|woman|lady|guy)|elderly (man|woman|lady|person))";

    /** Things that collapse or get hit without anyone being hurt: "the tenant's collapsed ceiling", "hitting her car". */
    private static final String THING =
            "(?! (\\p{L}+ )?(fence|ceiling|roof|wall|porch|deck|shed|garage|sidewalk|drain|road"
                    + "|building|balcony|chair|tent|bridge|stairs|floor|car|truck|bike|house|bin|mailbox|window|door)s?(?![\\p{L}]))";

    static {
        danger(
                EmergencyKind.FIRE_SMOKE,
                "on fire|catch(ing|es)? fire|caught fire|(house|building|apartment|garage|car|kitchen|brush|grass) fire(?![\\p{L}]| (hazard|danger|risk))"
                        + "|fire (in|at|on|inside|spreading|is spreading|broke out)|flames?|burning (house|building|car|home)"
                        + "|(smoke|smoking) (is )?(coming|pouring|billowing|filling|everywhere|from|out)|(black|thick|heavy) smoke"
                        + "|smell(s|ing)? (of )?smoke|full of smoke|smoke alarm (is )?(going off|beeping and)"
                        + "|en feu|incendie|flammes?|(de la |beaucoup de )?fumee (sort|qui sort|partout|noire|epaisse|s'echappe|dans)"
                        + "|ca brule|brule (la|le|une|un)|prend feu|a pris feu"
                        + "|incendio|fuego|en llamas|se (esta )?quema|humo (negro|saliendo|sale|por todas|denso)|sale humo|hay humo"
                        + "|se incendi|en llamas");
        danger(
                EmergencyKind.GAS,
                "(smell|smells|smelling|smelt|smel|odou?r|reeks|stinks?|stench) (of |like )?(natural |rotten egg(s)? |strong )?gas|gas.{0,30}(fugando|se esta fugando)"
                        + "|gas (smell|leak|odou?r|is leaking|leaking|hissing)|leaking gas|hissing (sound )?(from the )?gas"
                        + "|rotten eggs? smell|smell(s)? like rotten eggs|carbon monoxide (alarm|detector) (is )?(going off|beeping|went off)"
                        + "|fuite de gaz|odeur de gaz|sent le gaz|ca sent le gaz|odeur d'oeufs pourris|monoxyde"
                        + "|olor a gas|fuga de gas|huele a gas|escape de gas|olor a huevo podrido|monoxido");
        danger(
                EmergencyKind.POWER_LINE,
                "(power|hydro|electric(al)?|live|utility|phone) ?(line|wire|cable)s? (is |are )?(down|fell|fallen|falling|sparking|on (the|a|my)|arcing|hanging|across|lying|in the|snapped)"
                        + "|(downed|fallen|broken|snapped) (power |hydro |electric(al)? |live )?(line|wire|cable)s?"
                        + "|live wire|wires? (is |are )?(sparking|arcing|on fire|smoking)|spark(s|ing)? (from|coming|flying|everywhere)"
                        + "|transformer (exploded|blew|is on fire|sparking)"
                        + "|(line|wire)s? down(?! (the|a|an|this|that|entire|whole|middle|center|centre)(?![\\p{L}]))"
                        + "|fils? (electrique|de hydro)s? (tombe|au sol|par terre|qui fait des etincelles)|ligne electrique (tombee|au sol)"
                        + "|fil (tombe|arrache)|etincelles|cable electrique (au sol|tombe)"
                        + "|cables? (electrico|de luz|de alta tension)s? (caido|en el suelo|suelto|echando chispas)"
                        + "|chispas|cable (caido|suelto) (en|sobre)|poste de luz caido");
        danger(
                EmergencyKind.MEDICAL,
                "not breathing|isn'?t breathing|can'?t breathe|stopped breathing|barely breathing|n'arrive (plus|pas) a respirer|douleur a la poitrine|dolor en el pecho|no puede respirar|unconscious|passed out"
                        + "|(?<!(police|pd|department|dept|city|transit|landlord|owner|management|office|company|agency|council|mayor)"
                        + " (has been |have been |is |are |was |were |remains |stays )?(totally |completely |very |entirely |still )?)unresponsive"
                        + "|" + PERSON
                        + "('s| has| had)?( just| suddenly| then| and)? collapsed" + THING
                        + "|found (him |her |them )?collapsed|collapsed on the (floor|ground|sidewalk|street)|fainted|(fell|fallen) (and|down).{0,30}(not moving|isn'?t moving|can'?t get up|hit (his|her|their) head|bleeding)"
                        + "|(?<!parked[^.]{0,40})(?<!(traffic|cars?|vehicles?|line|queue|bus|buses|train|streetcar|subway|lane|elevator|escalator) (is |are |still )?)not moving(?! (their|his|her|the|my|our|your|its|cars?|vehicles?)(?![\\p{L}]))|overdos|od'?ing|seizure|heart attack|chest pain|stroke|bleeding (badly|a lot|heavily|from)"
                        + "|blood everywhere|(need|send|call|get)(s|ing)? (an |the )?ambulance|ambulance (now|asap|please|right away|immediately|needed|required)|turning blue|choking|anaphyla|allergic reaction"
                        + "|ne respire (plus|pas)|inconscient|evanoui|s'est effondre|crise cardiaque|saigne beaucoup|convulsion"
                        + "|ne bouge plus|surdose|(appele[zr]?|envoye[zr]?|besoin d'|faut)( une)? ambulance"
                        + "|no respira|inconsciente|desmay|sobredosis|convulsion|ataque al corazon|infarto|sangra mucho|sangrando"
                        + "|no se mueve|ambulancia|se desplomo");
        danger(
                EmergencyKind.PERSON_IN_DANGER,
                "(locked|left|alone|trapped|stuck) in (a|the|his|her|their)? ?(hot )?(car|vehicle)"
                        + "|(someone|somebody|person|man|woman|kid|child|boy|girl|dog|people|guy)\\p{L}* .{0,30}(in|into) the (river|lake|water|creek|canal|pond)"
                        + "|drowning|can'?t swim|through the ice|aventarse|tirarse del puente|quiere saltar"
                        + "|trapped|stuck (in|under)(?! (the |a |an |their |this |that )?(middle|area|mud|snow|slush|traffic|pothole|parking|meter|up|down|open|closed|position|street|road|driveway|lot|ground|grass|slot)(?![\\p{L}]))|(child|kid|toddler|baby) (is )?(alone|wandering|on the (road|highway|roof|ledge))"
                        + "|on the (ledge|edge of the bridge)|threatening to jump|going to jump|suicid|wants to (die|end)"
                        + "|pris au piege|(quelqu'un|personne|enfant|bebe|homme|femme|gens|il|elle|ils|elles|conducteur|blesse|pieton"
                        + "|cycliste|ouvrier|travailleur|chat|chien|pere|mere|fils|fille|voisine?|mari|conjointe?|frere|soeur"
                        + "|amie?|garcon|patient|residente?|locataire)s? (est |sont |reste |restee? )?(encore |toujours )?coince"
                        // Trapped in or under anything but the things lids, doors and bins get stuck in.
                        + "|coincee?s? (dans|sous) (?!(le |la |les |l'|un |une |son |sa |ses |du |de la )?(couvercle|porte|bac"
                        + "|poubelle|bouche|grille|fente|serrure|tiroir|boite|neige|trafic|circulation|bouchon))"
                        + "|coincee?s? dessous|se noie|tombe (a|dans) l'eau|enfant seul|bebe seul|menace de sauter|sauter du pont"
                        + "|atrapad|se (esta )?ahoga|cayo al (rio|agua|lago)|nino solo|bebe solo|encerrad|quiere saltar");
        danger(
                EmergencyKind.VIOLENCE_THREAT,
                "knife|gun(s|ned|ning|man|men|shots?|fire|point)?(?![\\p{L}])|armed (man|men|woman|women|person|people|guy|suspect|robbery|intruder)|firearm|weapon|shoot(?!ing up (or|and)(?![\\p{L}]))|shots? fired|gunshot|stab(?!ili)|machete|being (attacked|beaten|assaulted|robbed)"
                        + "|(attacking|beating|assaulting|punching|choking) (a |an |his |her |the |my |someone|somebody)"
                        + "|hitting (a |an |the |his |her |my |their )?(someone|somebody|him|her|me|us|them|" + PERSON
                        + ")"
                        + THING + "(?![\\p{L}])"
                        // A threat names whom it is aimed at; "someone" may be a danger foretold by a road or its
                        // drivers.
                        + "|(going to|gonna|threaten(ing|ed|s)? to|will) (kill|hurt|shoot|stab) (me|us|you|him|her|them|my|our|his"
                        + "|their|myself|himself|herself|themselves|yourself|ourselves|everyone|everybody)(?![\\p{L}])"
                        + "|(?<!(?<![\\p{L}])(drivers?|cars?|traffic|intersection|speeders?|road|street|pothole|hole|sidewalk"
                        + "|corner|it|this|that)( is| are|'s)( certainly| definitely| eventually| really)? )"
                        + "(going to|gonna|will) (kill|hurt|shoot|stab) (someone|somebody|people|a |an |the )"
                        + "|kill (you|me|him|her|them|everyone|myself|himself|herself|yourself)(?![\\p{L}])"
                        + "|domestic (violence|assault)|fight (with|in progress)|break(ing)?[- ]in|breaking into|intruder|kidnap|hostage|bombs?(?![\\p{L}])"
                        // "Frapper" is violence when a person is struck ("il frappe sa femme", "ils le frappent"), not
                        // when a truck hits a sign; "armé" is also reinforced concrete.
                        + "|couteau|(?<!(beton|verre|ciment|acier|bras|mains?) )arme[es]{0,2}(?![\\p{L}])|tirer|coups? de feu|poignard"
                        + "|agress"
                        + "|(me|m'|te|t'|nous|vous|le|la|les|l'|se) ?(a |ont |est |sont |a ete |ont ete |fait |s'est fait "
                        + "|en train de |continuent de |faire )?frapp"
                        + "|(pieton|cycliste|enfant|personne|femme|homme|fille|garcon|fils|voisine?|quelqu'un|bebe)s? "
                        + "(a ete |ont ete |est |s'est fait |se fait |vient de se faire )frapp"
                        + "|frapp\\p{L}* (sa |son |ses |un |une |mon |ma |des |la |le )?(femme|mari|homme|enfant|fille|garcon|fils"
                        + "|pieton|personne|quelqu'un|voisine?|conjointe?|mere|pere|gars|cycliste|bebe)"
                        + "|menace de (tuer|mort)|va (le |la |me |nous )?tuer|cambriol"
                        + "|bagarre|violence"
                        + "|cuchillo|pistola|(?<!hormigon )arma(s|dos?|das?)?(?![\\p{L}])|disparo|balazo|apunal|(lo|la|me|nos) (estan|esta) (golpeando|pegando|atacando)|agred"
                        + "|amenaza (con|de) matar|va a matar|pelea|robo en curso|secuestr");
        danger(
                EmergencyKind.FLOODING_DANGER,
                "(water|flood(ing|water)?|sewage) (is )?(coming|pouring|rushing|gushing|flowing|pouring|rising|getting) (in|into|through|up)"
                        + "(?! ?(up )?(through|from|out of|in|into|onto)? ?(the |a |an )?(ground|road|street|pavement|concrete|asphalt|cracks?|manhole|seams?|sidewalk|catch basin|drain|grass|lawn|curb|neighbou?rhood|area)(?![\\p{L}]))"
                        + "|flood(ed|ing)? (house|home|homes|street).{0,40}(trapped|stuck|rising|people|children)"
                        + "|(car|cars|vehicle|bus|people|person|someone|driver)s? (is |are )?(stuck|trapped|stranded|stalled|floating|submerged|swept)"
                        + ".{0,30}(water|flood|underpass)|(water|flood).{0,40}(trapped|swept away|up to (the|their|our|my) (waist|chest|windows|doors))"
                        + "|underpass.{0,40}(trapped|stuck|submerged|car)"
                        // A flooded underpass or tunnel is a trap for the next car that drives in.
                        + "|(flooded|flooding) (underpass|tunnel|viaduct)|(underpass|tunnel|viaduct)\\p{L}*( \\p{L}+){0,4} (is |are )?(flooded|flooding|under water|underwater)"
                        + "|l'eau (entre|rentre|monte) (dans|a)|inond.{0,40}(coince|pieg|bloque|emport)|(voiture|gens|personne)s? (coince|pieg|bloque)e?s? .{0,20}(eau|inond)"
                        + "|el agua (entra|esta entrando|sube|se mete)|inund.{0,40}(atrapad|arrastr)|(carro|coche|auto|gente|personas?) (atrapad|varad|arrastr)");
        danger(
                EmergencyKind.CAR_CRASH,
                "(crash|accident|collision|collided|rolled over|rollover|hit and run|head[- ]on|t-?boned|pile[- ]?up|mvc)"
                        + ".{0,60}(injur|hurt|bleeding|trapped|unconscious|not moving|ambulance|pinned|on fire|bad)"
                        + "|(injur|hurt|bleeding|trapped|pinned).{0,60}(crash|accident|collision|wreck)"
                        + "|(i|he|she|someone|somebody|man|woman|kid|child|boy|girl|cyclist|pedestrian|person|guy|lady|dog)( was| got| just got| has been)? hit by (a|the) (car|truck|bus|vehicle|van)|(car|truck|bus|vehicle) (hit|struck|ran over) (a|the|my|someone|somebody) (pedestrian|cyclist|kid|child|person|man|woman|girl|boy)"
                        + "|(pieton|cycliste|enfant|personne)s? (renverse|frappe)|accident.{0,60}(blesse|coince|saigne|inconscient)"
                        + "|atropell|choque.{0,60}(herid|atrapad|sangr|inconsciente)|accidente.{0,60}(herid|atrapad|sangr)");
        danger(
                EmergencyKind.STRUCTURAL_COLLAPSE,
                "(building|house|balcony|bridge|wall|roof|ceiling|floor|stairs|staircase|scaffold(ing)?|crane|porch|parking garage)"
                        + " (is |has |just )?(collaps|caved|cave in|caving|falling down|coming down|gave way|giving way|crumbling)"
                        + "|collapse(d)? (building|balcony|bridge|roof)|sinkhole.{0,40}(swallow|car|house|people|opened)"
                        + "|s'effondr|effondre|effondrement|s'ecroul"
                        + "|se (derrumb|cayo el (techo|balcon|puente))|derrumbe|colaps");
    }

    /** Words of a hazard that alone do not make an emergency, but do with a sign that it is happening to people now. */
    private static final Map<EmergencyKind, Pattern> HAZARD = new EnumMap<>(EmergencyKind.class);

    static {
        hazard(
                EmergencyKind.FIRE_SMOKE,
                "fire|flames?|smoke|burning|feu|flammes?|fumee|brul\\p{L}*|incendi\\p{L}*|fuego|llamas|humo|quema\\p{L}*");
        hazard(
                EmergencyKind.GAS,
                "gas|gaz|propane|gas line|gas meter|conduite de gaz|tubo de gas|tanque de gas|fugando|fuga");
        hazard(
                EmergencyKind.POWER_LINE,
                "wires?|power lines?|hydro lines?|electric lines?|transformer|lines came down|fils|poteau|cables?|sous tension"
                        + "|crepite|gresille|chispea\\p{L}*");
        hazard(
                EmergencyKind.MEDICAL,
                "breathing|breathe|respir\\p{L}*|chest|poitrine|pecho|pale and sleepy|isn'?t moving|not moving|can'?t get up"
                        + "|unconscious|bleeding|fell from|fell off|collapsed|paramedics");
        hazard(
                EmergencyKind.PERSON_IN_DANGER,
                "alone|toddler|dementia|alzheimer|walked out|wandered|glace|river|riviere|rio|tracks|railing|excavation"
                        + "|can'?t get out|no puede salir|screaming for help|fell into|tombe dans|se cayo a|aventarse|jump\\p{L}*|grate"
                        + "|shaking and confused|pyjama|slippers");
        hazard(
                EmergencyKind.VIOLENCE_THREAT,
                "fight\\p{L}*|kicking|hammer|swinging|dragging|screaming|yelling for help|golpeando|pegando|beating|punch\\p{L}*"
                        + "|attack\\p{L}*|threat\\p{L}*|menace\\p{L}*|amenaz\\p{L}*");
        hazard(
                EmergencyKind.FLOODING_DANGER,
                "flood\\p{L}*|flash flood|water|sewer|inond\\p{L}*|l'eau|agua|arroyo|desbord\\p{L}*|inund\\p{L}*|sandbags|swept"
                        + "|rising|monte|sube");
        hazard(
                EmergencyKind.CAR_CRASH,
                "collision|crash|head on|hit by|got hit|hit and run|rolled|drove into|went in the ditch|accident|volco|chocaron"
                        + "|choque|collision frontale|renverse\\p{L}*");
        hazard(
                EmergencyKind.STRUCTURAL_COLLAPSE,
                "caving|cave in|buckling|sagging|cracking|fell onto|just fell|broke and|collaps\\p{L}*|s'affaisse|ecroul\\p{L}*"
                        + "|effondr\\p{L}*|se cayo|se hundio|se esta cayendo|derrumb\\p{L}*");
    }

    /** Signs that a hazard is happening now and people are at risk. */
    private static final Pattern NOW = Pattern.compile(
            "(?<![\\p{L}])(help|now|right now|just|still|inside|in there|people|someone|somebody|kids?|children|child|person|persons|residents?"
                    + "|elderly|driver|workers?|guy|man|woman|baby|toddler|boy|girl|trapped|can'?t|cant|spreading|hurry|urgent|asap|emergency"
                    + "|screaming|on the ground|under it|on it|fell|getting out|rising|fast|buzzing|sparking|hissing|leaking|fuming|on fire|pedestrians|going on|roofs|paramedics"
                    + "|venez vite|vite|aide|au secours|quelqu'un|gens|du monde|enfant|il y a des|encore|en ce moment|maintenant|se propage|arrive pas|siffle|crepite|gresille|ca fume|gars|etendu|pietons|toits"
                    + "|ayuda|ahorita|ahora|rapido|urgente|gente|alguien|nino|adentro|todavia|sigue|encima|trabajadores|herido|no puede|muchisimo|horrible|huele|arrastr\\p{L}*|cintura|techos|peatones|chispeando|!!"
                    + "|it'?s -\\d+|il fait -\\d+|-\\d\\d)(?![\\p{L}])");

    private static final Pattern NOT_AN_EMERGENCY = Pattern.compile(
            "(?<![\\p{L}])(bylaw|by-law|reglement|reglamento|subsidy|rebate|program|programme|contest|lol|for fun|every (evening|night|weekend|saturday|day|week|summer)"
                    + "|can we get|can you (put|install|add|replace|fix)|could the city|can the city|can it be|pouvez-vous|la ville peut|pueden mandar|puede el municipio"
                    + "|graffiti|wrote|warning sign|sign (got|was|is)|hydrant|borne-fontaine|smoking (weed|cigarettes?|pot)|keeps smoking|people smoking|fument"
                    + "|toutes les (nuits|semaines)|todas las noches|each year|if i ever|si un jour|si algun dia|one day|un jour|algun dia"
                    + "|not a person|pas une personne|hoops|ambulance bay|debris|remains|sharpening|wood stove|feux d'artifice|leaves|christmas|clothing|tent)");

    /**
     * A risk told as one that may come one day ("a matter of time before someone is hit", "if it falls"): the hazard
     * words beside it are not a danger happening now. A danger phrase in the same sentence still counts.
     */
    private static final Pattern ONE_DAY = Pattern.compile(
            "(?<![\\p{L}])(matter of time|waiting to happen|just wait (until|till)|accident prone|before someone (is|gets)"
                    + "|if (it|this|that|they|the \\p{L}+) (falls?|comes? (loose|down)|breaks?|gives way|collapses?))");

    private static void hazard(EmergencyKind kind, String words) {
        HAZARD.put(kind, Pattern.compile("(?<![\\p{L}])(" + words + ")(?![\\p{L}])"));
    }

    private static final Pattern NEGATION = Pattern.compile(
            "\\b(no|not|never|without|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|nothing|none|zero"
                    + "|pas (de|d')|aucun|aucune|sans|jamais|plus de|ni"
                    + "|sin|ningun|ninguna|nunca|tampoco)\\b(\\W+\\w+){0,2}\\W*$");
    private static final Pattern OVER = Pattern.compile(
            "\\b(last (year|month|week|summer|winter|spring|fall|night's|time)|damaged (by|in|from) (a |an |the )?(recent )?(house |car |building )?fire|recent (house |car |building )?fire|(years?|months?|weeks?|days) ago|yesterday's"
                    + "|was put out|were put out|has been (repaired|fixed|put out|cleaned|removed)|have been (repaired|fixed)"
                    + "|(was|were|got) (fixed|repaired|removed|cleared|cleaned up)|after (the|last) |since the |back in (19|20)\\d\\d"
                    + "|still (dug up|not repaired|damaged|burnt)|burnt[- ]out|burned[- ]out|from the (fire|flood|crash|accident)"
                    + "|repair(s|ed)? (after|of the) |there (was|were) (a|an) |yesterday|ayer|hier|lo arreglo|ya vino|ya no hay"
                    + "|for (two|three|several|a few|\\d+) (days|weeks|months|years)|depuis (un|une|deux|trois|des|quelques|\\d+) (jours?|semaines?|mois|ans|annees)"
                    + "|desde hace|il y a des (annees|mois|semaines)|ont fini|semaine passee|del ano pasado|despues de(l| la) (incendio|inundacion|choque|accidente|fuga|reparacion)"
                    + "|l'an(nee)? (derniere|dernier|passee)|la semaine derniere|le mois dernier|il y a (\\d+|deux|trois|quelques) (ans|mois|semaines|jours)"
                    + "|a ete (repare|eteint|reparee|nettoye)|depuis (l'incendie|la fuite|l'inondation|l'accident)|apres (l'incendie|la fuite|l'inondation|l'accident)"
                    + "|el ano pasado|la semana pasada|el mes pasado|hace (\\d+|dos|tres|unos|unas) (anos|meses|semanas|dias)|ya (fue|esta) (reparad|apagad)"
                    + "|despues del (incendio|choque|accidente)|desde (el incendio|la fuga|la inundacion))\\b");
    private static final Pattern SERVICE_QUESTION = Pattern.compile(
            "^\\W*(how (do|can|to|much|long)|where (do|can|is|are|to)|when (is|are|will|does|do)|who (do|should)|can i (get|have|buy|book|request|dispose)"
                    + "|is there a (program|subsidy|rebate|way|form)|what (is|are) the (rules|hours|schedule)|do you (offer|give|provide|sell)"
                    + "|comment (puis|peut|faire|obtenir)|ou (puis|peut|trouver|jeter)|quand (est|sera|aura)|est-ce qu'il y a un (programme|service)"
                    + "|como (puedo|se|hago|obtener)|donde (puedo|se|esta|tiro)|cuando (es|sera|pasa)|hay (algun|un) (programa|servicio))");
    private static final Pattern NAME = Pattern.compile(
            "\\b(fire ?hall|detecteurs? de fumee|feux? (pour pietons|de circulation|de signalisation|rouges?|vert|pieton)|fire (station|hall|department|route|lane|road|hydrant|exit|door|alarm test|drill|pit|works|fighters? (parking|bbq))"
                    + "|gas (st|street|station|bar|prices?|tank|bill|meter reading|line road|can|mower|grill|bbq|cans?)"
                    + "|(water|river) (st|street|ave|avenue|rd|road|park|view|walk|department|bill|meter|pressure|fountain|rats)"
                    + "|ice (cream|rink|skating|hockey)|flood ?lights?|fire (trucks?|engines?)"
                    + "|power ?line (rd|road|trail|park|corridor)|smoke (detector|alarm)s?|fumee blanche|caserne|station-service|bbq"
                    + "|estacion de (bomberos|gasolina)|gasolinera|detector de humo)\\b");
    /** Abbreviations whose full stop does not end a sentence ("boul. Taschereau", "St. Clair"). */
    private static final Pattern ABBREVIATION =
            Pattern.compile("\\b(st|ave|av|rd|boul|blvd|dr|apt|ch|no|mr|mrs|ms|col|hwy|ste|mt|ft)\\.");

    private static final Pattern CLAUSES =
            Pattern.compile("(?<=[.!?;\\n])|\\bbut\\b|\\bmais\\b|\\bpero\\b|\\bhowever\\b");

    private EmergencyDetector() {}

    private static void danger(EmergencyKind kind, String phrases) {
        DANGER.put(kind, Pattern.compile("(?<![\\p{L}])(" + phrases + ")"));
    }

    /** The most likely kind of emergency the text describes, if any. */
    static Optional<EmergencyKind> detect(String text) {
        String normal = normalise(text);
        for (String clause : CLAUSES.split(ABBREVIATION.matcher(normal).replaceAll("$1"))) {
            if (OVER.matcher(clause).find() || NOT_AN_EMERGENCY.matcher(clause).find()) {
                continue;
            }
            String sentence = NAME.matcher(clause).replaceAll(" ");
            if (SERVICE_QUESTION.matcher(sentence).find()) {
                continue;
            }
            Optional<EmergencyKind> strong = first(DANGER, sentence);
            if (strong.isPresent()) {
                return strong;
            }
            Optional<EmergencyKind> hazard = hazardHappeningNow(sentence);
            if (hazard.isPresent()) {
                return hazard;
            }
        }
        return Optional.empty();
    }

    /** The first kind whose phrases occur in the sentence without a negation just before. */
    private static Optional<EmergencyKind> first(Map<EmergencyKind, Pattern> phrases, String sentence) {
        for (Map.Entry<EmergencyKind, Pattern> phrase : phrases.entrySet()) {
            Matcher matcher = phrase.getValue().matcher(sentence);
            while (matcher.find()) {
                if (!NEGATION.matcher(sentence.substring(0, matcher.start())).find()) {
                    return Optional.of(phrase.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first kind whose hazard words occur, not negated, beside a sign that it is happening now. The sign is other
     * words than the hazard's own: "a branch fell into the street" has no sign of people at risk in "fell".
     */
    private static Optional<EmergencyKind> hazardHappeningNow(String sentence) {
        if (ONE_DAY.matcher(sentence).find()) {
            return Optional.empty();
        }
        List<int[]> signs = new ArrayList<>();
        Matcher now = NOW.matcher(sentence);
        while (now.find()) {
            signs.add(new int[] {now.start(), now.end()});
        }
        if (signs.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<EmergencyKind, Pattern> phrase : HAZARD.entrySet()) {
            Matcher hazard = phrase.getValue().matcher(sentence);
            while (hazard.find()) {
                int start = hazard.start();
                int end = hazard.end();
                boolean signApart = signs.stream().anyMatch(sign -> sign[1] <= start || sign[0] >= end);
                if (signApart && !NEGATION.matcher(sentence.substring(0, start)).find()) {
                    return Optional.of(phrase.getKey());
                }
            }
        }
        return Optional.empty();
    }

    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        String plain = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.replaceAll("[ \\t]+", " ");
    }
}
