@echo off
chcp 65001 >nul
setlocal
rem Publier le site : vérifie les fiches puis fabrique le site dans le dossier public
rem (« synergies build »), et l'ouvre dans le navigateur. En cas d'erreur, rien n'est publié.
title Publier le site
rem pushd plutôt que cd : un dossier réseau (\\serveur\partage\...) reçoit une lettre de lecteur.
pushd "%~dp0"
rem Ce fichier doit être dans le dossier courant, sinon pushd a échoué.
if not exist "%~nx0" goto :dossier_inaccessible
set "SYNERGIES=%~dp0synergies.exe"
if not exist "%SYNERGIES%" set "SYNERGIES=synergies.exe"

echo Publication du registre "%~dp0"
echo.
"%SYNERGIES%" build
set "STATUT=%ERRORLEVEL%"
popd
echo.
if "%STATUT%"=="0" goto :publie
if "%STATUT%"=="1" goto :erreurs
if "%STATUT%"=="9009" echo Résultat : synergies.exe est introuvable. Il doit se trouver dans le même dossier que ce fichier.
goto :fin

:publie
echo Résultat : le site est à jour dans le dossier public. Pour le mettre en ligne, copiez ce dossier tel quel sur l'intranet.
rem Le chemin d'origine, pas la lettre prêtée par pushd : le navigateur garde la page ouverte.
if not defined SYNERGIES_SANS_NAVIGATEUR start "" "%~dp0public\index.html"
goto :fin

:erreurs
echo Résultat : rien n'a été publié. Corrigez les erreurs indiquées ci-dessus dans le Bloc-notes, enregistrez, puis relancez « Publier le site ».
rem Chaque erreur porte un code entre crochets (erreur[valeur-inconnue]) : « synergies explique »
rem en donne le sens, un exemple et la correction, sans quitter la fenêtre.
set "SYNERGIES_INTERACTIF=1"
"%SYNERGIES%" explique
goto :fin

:dossier_inaccessible
set "STATUT=3"
echo Le dossier "%~dp0" est inaccessible : vérifiez que le lecteur réseau est connecté.

:fin
echo Code de sortie : %STATUT% ^(0 : tout va bien^)
echo.
echo Appuyez sur une touche pour fermer cette fenêtre.
pause >nul
exit /b %STATUT%
