@echo off
chcp 65001 >nul
setlocal
rem Vérifier les fiches : lance « synergies check » sur le registre de ce dossier, sans rien
rem publier. Double-cliquez ; la fenêtre reste ouverte pour lire le résultat.
title Vérifier les fiches
rem pushd plutôt que cd : un dossier réseau (\\serveur\partage\...) reçoit une lettre de lecteur.
pushd "%~dp0"
rem Ce fichier doit être dans le dossier courant, sinon pushd a échoué.
if not exist "%~nx0" goto :dossier_inaccessible
set "SYNERGIES=%~dp0synergies.exe"
if not exist "%SYNERGIES%" set "SYNERGIES=synergies.exe"

echo Vérification des fiches du registre "%~dp0"
echo.
"%SYNERGIES%" check
set "STATUT=%ERRORLEVEL%"
popd
echo.
if "%STATUT%"=="0" echo Résultat : toutes les fiches sont correctes.
if "%STATUT%"=="1" goto :erreurs
if "%STATUT%"=="9009" echo Résultat : synergies.exe est introuvable. Il doit se trouver dans le même dossier que ce fichier.
goto :fin

:erreurs
echo Résultat : des fiches contiennent des erreurs. Pour chacune, le fichier, la ligne et la colonne sont indiqués ci-dessus : corrigez dans le Bloc-notes, enregistrez, puis relancez « Vérifier les fiches ».
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
