/// The WITT-2019 AI search strategy (WIPO Technology Trends 2019, background paper), Blocks 1–3, as one
/// query in the PatentSearch language. Block 2 keywords are searched in title, abstract and claims (the paper
/// searched title/abstract, object of invention and claims); Block 3 is broad subclasses AND weaker keywords.
enum WITTStrategy {
    static let text = #"""
    IC=(G06N3 OR G06N5/003-5/027 OR G06N7/005-7/06 OR G06N99/005 OR G06N20 OR G06T2207/20081 OR G06T2207/20084
        OR G06K9 OR G06V OR G06F18 OR G10L15 OR G10L17 OR G10L25/30 OR G05B13/027-G05B13/0295 OR B25J9/161 OR H04L41/16)
    OR TIABCLM=(
        (artific+ OR computation+) 1W intelligen+ OR neural 1W network+ OR bayes+ 1W network+ OR chatbot?
        OR data 1W mining+ OR decision 1W model? OR deep 1W learning+ OR genetic 1W algorithm?
        OR (inductive 1W logic) 1D programm+ OR machine 1W learning+
        OR (natural 1D language) 1W (generation OR processing) OR reinforcement 1W learning
        OR (semi 1W supervised OR unsupervised OR supervised) 1W (learning+ OR training) OR swarm 1W intelligen+
        OR connectionis# OR expert 1W system? OR fuzzy 1W logic? OR transfer 1W learning OR learning 3W algorithm?
        OR learning 1W model? OR support 1W vector 1W machine? OR random 1W forest? OR decision 1W tree?
        OR gradient 1W tree 1W boosting OR xgboost OR adaboost OR rankboost OR logistic 1W regression
        OR stochastic 1W gradient 1W descent OR multilayer 1W perceptron? OR latent 1W semantic 1W analysis
        OR latent 1W dirichlet 1W allocation OR multi 1W agent 1W system? OR hidden 1W markov 1W model?)
    OR (IC=(G06F OR G06K OR G06T OR G06V OR G06Q OR G06N OR G10L OR G05B OR G05D OR G08G OR B25J OR B60W OR A61B OR G16H OR H04N OR H04L)
        AND TIABCLM=(clustering OR comput+ 1W creativity OR descriptive 1W model? OR inductive 1W reasoning OR overfitting
        OR predictive 1W (analytics OR model?) OR target 1W function? OR (test OR training OR validation) 1D data 1D set?
        OR backpropagation? OR self 1W learning OR objective 1W function? OR feature? 1W selection OR embedding?
        OR active 1W learning OR regression 1W model? OR recommend+ 1W system?
        OR (text OR speech OR handwriting OR facial OR face? OR character?) 1W (analysis OR analytic? OR recognition)))
    """#
}
